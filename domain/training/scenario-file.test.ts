import { describe, expect, it } from 'vitest';
import { ScenarioFileError, parseScenario } from './scenario-file';

const CAST = `title: A test scenario
timeScale: 86400
cast:
  organisations:
    - { code: TRNGP1, name: Practice, type: GP_PRACTICE, postcode: SE1 2AA }
    - { code: TRNPR1, name: Hospital, type: PROVIDER, postcode: SE1 3AA }
  users:
    - key: gp
      username: trn.gp
      name: Dr Gee
      roles: [{ org: TRNGP1, role: B1101 }]
patients:
  - key: mary
    nhsNumber: '999 000 0018'
    givenName: Mary
    familyName: Example
    dateOfBirth: 1958-04-12
    sex: female
    postcode: SE1 5AA
    practice: TRNGP1
services:
  - key: clinic
    name: Clinic
    provider: TRNPR1
    specialty: CARDIOLOGY
    requestTypes: [DBS]
`;
// The steps start on line 27.
const STEPS = `steps:
  - action: CREATE
    as: gp
    referral: r1
    patient: mary
    priority: ROUTINE
    specialty: CARDIOLOGY
    reason: Palpitations
    shortlist: [clinic]
    expect: NOT_BOOKED
  - wait: 5 working days pass
    referral: r1
    expect: { state: NOT_BOOKED, remindersSent: 0 }
`;

function problems(source: string) {
  try {
    parseScenario('bad.yaml', source);
  } catch (error) {
    if (error instanceof ScenarioFileError) return error.problems;
    throw error;
  }
  throw new Error('the file was accepted');
}

describe('a scenario file', () => {
  it('parses, with each step on its line and bare states turned into expectations', () => {
    const scenario = parseScenario('good.yaml', CAST + STEPS);
    expect(scenario.steps.map((s) => [s.action, s.line, s.expect])).toEqual([
      ['CREATE', 28, { state: 'NOT_BOOKED' }],
      ['WAIT', 37, { state: 'NOT_BOOKED', remindersSent: 0 }],
    ]);
    expect(scenario.steps[1]).toMatchObject({ wait: { amount: 5, unit: 'working day' } });
    expect(scenario.patients[0]!.nhsNumber).toBe('9990000018');
  });

  it('names file, line and field of a wrong value', () => {
    const source = CAST + STEPS.replace('priority: ROUTINE', 'priority: SOON');
    expect(problems(source)).toEqual([
      { file: 'bad.yaml', line: 32, field: 'steps[0].priority', message: 'Choose a priority' },
    ]);
  });

  it('refuses a real-looking NHS number: training patients are in the 999 range', () => {
    const [problem] = problems(CAST.replace("'999 000 0018'", "'943 476 5919'") + STEPS);
    expect(problem).toMatchObject({ line: 14, field: 'patients[0].nhsNumber' });
    expect(problem!.message).toMatch(/must start 999/);
  });

  it('refuses a 999 number that fails Modulus 11', () => {
    const [problem] = problems(CAST.replace("'999 000 0018'", "'999 000 0019'") + STEPS);
    expect(problem).toMatchObject({ line: 14, field: 'patients[0].nhsNumber' });
  });

  it('reports a missing field at the line of the step that lacks it', () => {
    const [problem] = problems(CAST + STEPS.replace('    reason: Palpitations\n', ''));
    expect(problem).toMatchObject({ line: 28, field: 'steps[0].reason', message: 'Enter the reason for referral' });
  });

  it('names a step acting on a referral no earlier step created, and an unknown user', () => {
    const source = `${CAST + STEPS}  - action: ACCEPT\n    as: nobody\n    referral: r2\n`;
    expect(problems(source)).toEqual([
      { file: 'bad.yaml', line: 41, field: 'steps[2].as', message: 'No user "nobody" in the cast' },
      {
        file: 'bad.yaml',
        line: 42,
        field: 'steps[2].referral',
        message: 'Referral "r2" is not created by an earlier step',
      },
    ]);
  });

  it('says which actions exist when the action is unknown', () => {
    const [problem] = problems(CAST + STEPS.replace('action: CREATE', 'action: MAKE'));
    expect(problem).toMatchObject({ line: 28, field: 'steps[0].action' });
    expect(problem!.message).toMatch(/Action must be one of: WAIT, CREATE, BOOK/);
  });

  it('refuses a duration it cannot read, at its line', () => {
    const [problem] = problems(CAST + STEPS.replace('5 working days pass', 'a while'));
    expect(problem).toMatchObject({ line: 37, field: 'steps[1].wait' });
    expect(problem!.message).toMatch(/"a while" is not a duration/);
  });

  it('reports YAML syntax errors at their line', () => {
    const [problem] = problems(`${CAST}steps:\n  - action: CREATE\n    reason: "unclosed\n`);
    expect(problem!.file).toBe('bad.yaml');
    expect(problem!.line).toBeGreaterThanOrEqual(29);
  });

  it('refuses an unknown field rather than ignoring it', () => {
    const [problem] = problems(
      CAST + STEPS.replace('    reason: Palpitations', '    reason: Palpitations\n    reasn: typo'),
    );
    expect(problem).toMatchObject({ line: 28, field: 'steps[0]' });
    expect(problem!.message).toMatch(/reasn/);
  });
});
