import type { Kysely } from 'kysely';
import { defaultPolicy } from '../../domain/policy';
import type { Database } from '../../db/database';
import { ADVICE_PATIENT, type AdvicePath, addAdviceService, driveAdvicePath } from '../../fixtures/advice';
import { addSlot } from '../../fixtures/directory';
import { adviceService } from '../../services/advice/advice.service';
import type { DemoTemporal } from './seed-referrals';
import { actorOf, testNhsNumber } from './seed-referrals';

const REFERRER_ORG = 'F84001';
const PROVIDER_ORG = 'RJ1';

// Every state a conversation reaches, on the demo GP's and consultant's A&G worklists.
const CONVERSATIONS: [AdvicePath, given: string, family: string, dob: string, sex: 'female' | 'male'][] = [
  ['asked', 'Ruth', 'Abara', '1952-04-11', 'female'],
  ['asked', 'Samuel', 'Price', '1969-08-30', 'male'],
  ['more-information', 'Nadia', 'Rahman', '1981-01-15', 'female'],
  ['answered', 'Owen', 'Llewellyn', '1947-12-02', 'male'],
  ['more-information-then-answered', 'Chloe', 'Barker', '1975-03-27', 'female'],
  ['answered-then-follow-up', 'Kwame', 'Boateng', '1960-10-08', 'male'],
  ['closed-by-provider', 'Elsie', 'Marsh', '1938-06-19', 'female'],
  ['cancelled', 'Rory', 'Gallagher', '1993-02-24', 'male'],
  ['converted-by-provider', 'Hana', 'Sato', '1971-07-13', 'female'],
];

/**
 * Demo advice and guidance: a national cardiology advice service at the demo trust (bookable,
 * so a converted request can be booked), and a few conversations in each state, each driven
 * through its real workflow by the service the web uses. Needs the worker running.
 */
export async function seedAdvice(db: Kysely<Database>, temporal: DemoTemporal): Promise<string[]> {
  const referrer = await actorOf(db, 'gp.clinician', 'B1101', REFERRER_ORG);
  const provider = await actorOf(db, 'provider.clinician', 'B1110', PROVIDER_ORG);
  const service = await addAdviceService(db, {
    provider_org_code: PROVIDER_ORG,
    name: 'Cardiology Advice and Guidance',
    location: 'St Thomas’ Hospital',
    outcode: 'SE1',
  });
  for (const daysAhead of [4, 6, 8]) await addSlot(db, service.id, { daysAhead });
  const advice = adviceService({ db, temporal: temporal.client, taskQueue: temporal.taskQueue, policy: defaultPolicy });
  for (const [i, [path, givenName, familyName, dateOfBirth, sex]] of CONVERSATIONS.entries()) {
    await driveAdvicePath(advice, { referrer, provider }, service.id, path, {
      patient: {
        ...ADVICE_PATIENT,
        nhsNumber: testNhsNumber(500 + i * 7),
        givenName,
        familyName,
        dateOfBirth,
        sex,
        registeredPracticeCode: REFERRER_ORG,
      },
      requestKey: `demo-advice-${i}`,
    });
  }
  return [
    `Advice and guidance: ${CONVERSATIONS.length} conversations with ${service.name} (gp.clinician, provider.clinician)`,
  ];
}
