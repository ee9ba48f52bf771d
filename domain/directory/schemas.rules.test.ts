/**
 * The Directory of Services forms, checked against e-RS's rules as `/work/shared/domain.md`
 * states them ("Services: the Directory of Services"), not against the schemas' own output:
 * - a service may not offer both triage and appointments; a triage service may also advise;
 *   directly and indirectly bookable are two kinds of appointment service (one or the other);
 * - search needs a priority and a specialty (clinic type only with it), a clinical term or a
 *   named clinician; by default only services for the patient's age and sex; a distance limit
 *   needs a postcode (so does sorting by distance); no wait-time limit at two-week-wait;
 * - a commissioning rule starts on a date and ends on a later one, or never;
 * - a reservation period is 0, 1 or 2 days (decision record 0015).
 * The tests of the services and pages that use these schemas live in services/ and web/; these
 * keep the rules under mutation testing's `domain/` scope (decision record 0016).
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { DEFAULT_BOOKING_WINDOWS } from './booking-windows';
import { clinicCancellationSchema } from './clinic-cancellation.schema';
import { commissioningEndDateSchema, commissioningRuleInputSchema } from './commissioning.schema';
import { searchInputSchema } from './search.schema';
import {
  bookingWindowInputSchema,
  outcodeSchema,
  requestTypeSchema,
  serviceInputSchema,
  slotTemplateInputSchema,
  timeSchema,
} from './service.schema';

/** The parsed value, or each refused field's path with its message. */
function outcome(schema: z.ZodType, input: unknown) {
  const result = schema.safeParse(input);
  return result.success
    ? { ok: result.data }
    : { refused: Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), i.message])) };
}

const service = {
  name: 'Leeds Cardiology',
  requestTypes: ['DBS'],
  specialtyCode: 'CARDIOLOGY',
  clinicTypeCode: '',
  location: 'Leeds General Infirmary',
  address: '',
  telephone: '',
  outcode: 'ls1',
  ageMin: '18',
  ageMax: '120',
  sexTreated: 'ANY',
  conditionsTreated: '',
  exclusions: '',
  letterRequired: false,
  indicativeWaitDays: '42',
  clinicians: [],
  instructions: '',
  national: false,
  pollingRangeDays: '90',
  reservationHours: '24',
};

describe('a service definition', () => {
  it('is accepted with what a definer types, empty optional fields read as not given', () => {
    const { ok } = outcome(serviceInputSchema, service) as { ok: Record<string, unknown> };
    expect(ok).toMatchObject({ outcode: 'LS1', ageMin: 18, ageMax: 120, indicativeWaitDays: 42, reservationHours: 24 });
    expect(ok.clinicTypeCode).toBeUndefined();
    expect(ok.address).toBeUndefined();
    expect(ok.telephone).toBeUndefined();
    const filled = outcome(serviceInputSchema, {
      ...service,
      clinicTypeCode: ' HEART_FAILURE ',
      address: ' 1 Great George Street ',
      telephone: ' 0113 243 2799 ',
    }) as { ok: Record<string, unknown> };
    expect(filled.ok).toMatchObject({
      clinicTypeCode: 'HEART_FAILURE',
      address: '1 Great George Street',
      telephone: '0113 243 2799',
    });
  });

  it('offers triage or appointments, never both; triage with advice is allowed', () => {
    const triageAndAppointments =
      'A triage service cannot also offer appointments: choose triage or an appointment type';
    expect(outcome(serviceInputSchema, { ...service, requestTypes: ['TRIAGE', 'DBS'] })).toEqual({
      refused: { requestTypes: triageAndAppointments },
    });
    expect(outcome(serviceInputSchema, { ...service, requestTypes: ['IBS', 'TRIAGE'] })).toEqual({
      refused: { requestTypes: triageAndAppointments },
    });
    expect(outcome(serviceInputSchema, { ...service, requestTypes: ['TRIAGE', 'DBS', 'IBS'] })).toEqual({
      refused: { requestTypes: triageAndAppointments },
    });
    expect(outcome(serviceInputSchema, { ...service, requestTypes: ['DBS', 'IBS'] })).toEqual({
      refused: { requestTypes: 'Choose directly bookable or indirectly bookable, not both' },
    });
    for (const types of [['TRIAGE', 'ADVICE'], ['TRIAGE'], ['DBS', 'ADVICE'], ['IBS'], ['ADVICE']]) {
      expect(outcome(serviceInputSchema, { ...service, requestTypes: types })).toHaveProperty('ok');
    }
    expect(outcome(serviceInputSchema, { ...service, requestTypes: [] })).toEqual({
      refused: { requestTypes: 'Choose at least one request type' },
    });
    expect(requestTypeSchema.safeParse('RAS').error?.issues[0]?.message).toBe('Choose a request type');
  });

  it('treats an age range that may be one age, but not one that runs backwards', () => {
    expect(outcome(serviceInputSchema, { ...service, ageMin: '16', ageMax: '16' })).toHaveProperty('ok');
    expect(outcome(serviceInputSchema, { ...service, ageMin: '16', ageMax: '15' })).toEqual({
      refused: { ageMax: 'Highest age must be the same as or more than lowest age' },
    });
    expect(outcome(serviceInputSchema, { ...service, ageMin: '-1', ageMax: '151' })).toEqual({
      refused: { ageMin: 'Lowest age treated must be 0 or more', ageMax: 'Highest age treated must be 150 or fewer' },
    });
    expect(outcome(serviceInputSchema, { ...service, ageMin: '1.5', ageMax: 'old' })).toEqual({
      refused: { ageMin: 'Lowest age treated must be a whole number', ageMax: 'Highest age treated must be a number' },
    });
  });

  it('reserves a slot for 0, 1 or 2 days only', () => {
    for (const hours of ['0', '24', '48']) {
      expect(outcome(serviceInputSchema, { ...service, reservationHours: hours })).toHaveProperty('ok');
    }
    for (const hours of ['12', '72', '1']) {
      expect(outcome(serviceInputSchema, { ...service, reservationHours: hours })).toEqual({
        refused: { reservationHours: 'Reservation period must be 0, 24 or 48 hours (0, 1 or 2 days)' },
      });
    }
  });

  it('names each field a definer got wrong', () => {
    expect(
      outcome(serviceInputSchema, {
        ...service,
        name: 'ab',
        specialtyCode: ' ',
        location: '',
        telephone: 'call reception',
        outcode: 'LS1 4AP',
        sexTreated: 'BOTH',
        indicativeWaitDays: '731',
        pollingRangeDays: '0',
        clinicians: Array.from({ length: 51 }, (_, i) => `Dr ${i}`),
        instructions: 'x'.repeat(4001),
      }),
    ).toEqual({
      refused: {
        name: 'Enter a service name of at least 3 characters',
        specialtyCode: 'Choose a specialty',
        location: 'Enter where the service is held',
        telephone: 'Enter a telephone number, like 0113 243 2799',
        outcode: 'Enter the first part of a postcode, like LS1',
        sexTreated: 'Choose which sex the service treats',
        indicativeWaitDays: 'Indicative wait must be 730 or fewer',
        pollingRangeDays: 'Polling range must be 1 or more',
        clinicians: 'Name at most 50 clinicians',
        instructions: 'Instructions for referrers must be 4,000 characters or fewer',
      },
    });
  });

  it('reads an outward postcode in capitals', () => {
    expect(outcodeSchema.parse(' sw1a ')).toBe('SW1A');
    expect(outcodeSchema.parse('M1')).toBe('M1');
    expect(outcodeSchema.safeParse('1LS').success).toBe(false);
  });
});

describe('a booking window, a clinic template', () => {
  it('ends on or after the day it starts', () => {
    expect(outcome(bookingWindowInputSchema, { fromDays: '3', toDays: '3' })).toEqual({
      ok: { fromDays: 3, toDays: 3 },
    });
    expect(outcome(bookingWindowInputSchema, { fromDays: '4', toDays: '3' })).toEqual({
      refused: { toDays: 'The window must end on or after it starts' },
    });
  });

  it('defaults to windows that open today, two-week-wait closing within 14 days', () => {
    expect(DEFAULT_BOOKING_WINDOWS.TWO_WEEK_WAIT).toEqual({ fromDays: 0, toDays: 14 });
    for (const window of Object.values(DEFAULT_BOOKING_WINDOWS)) {
      expect(window.fromDays).toBe(0);
      expect(window.toDays).toBeGreaterThanOrEqual(14);
    }
  });

  it('takes 24-hour times and a clinic of at least one slot', () => {
    expect(timeSchema.parse(' 09:30 ')).toBe('09:30');
    expect(timeSchema.parse('23:59')).toBe('23:59');
    for (const time of ['24:00', '9:30', '09:60', '0930']) expect(timeSchema.safeParse(time).success).toBe(false);
    expect(
      outcome(slotTemplateInputSchema, {
        weekday: '8',
        startTime: '09:00',
        slotMinutes: '4',
        slotCount: '0',
        clinician: '',
      }),
    ).toEqual({
      refused: {
        weekday: 'Day must be 7 or fewer',
        slotMinutes: 'Slot length must be 5 or more',
        slotCount: 'Number of slots must be 1 or more',
        clinician: 'Enter the clinician who runs the clinic',
      },
    });
  });
});

const search = {
  priority: 'ROUTINE',
  specialtyCode: 'CARDIOLOGY',
  clinicTypeCode: '',
  clinicalTerm: '',
  clinician: '',
  patientAge: '54',
  patientSex: 'female',
  postcode: '',
  maxDistanceKm: '',
  maxWaitDays: '',
  sortBy: '',
};

describe('a Directory of Services search', () => {
  it('reads empty form fields as not given', () => {
    expect(outcome(searchInputSchema, search)).toEqual({
      ok: {
        priority: 'ROUTINE',
        specialtyCode: 'CARDIOLOGY',
        patientAge: 54,
        patientSex: 'female',
        includeAllAgesAndSexes: false,
      },
    });
  });

  it('needs a priority', () => {
    expect(outcome(searchInputSchema, { ...search, priority: '' })).toEqual({
      refused: { priority: 'Choose a priority' },
    });
  });

  it('needs a specialty, a clinical term or a named clinician, and any one is enough', () => {
    const none = { ...search, specialtyCode: '', clinicalTerm: ' ', clinician: '' };
    expect(outcome(searchInputSchema, none)).toEqual({
      refused: { specialtyCode: 'Choose a specialty, or enter a clinical term or a clinician’s name' },
    });
    expect(outcome(searchInputSchema, { ...none, clinicalTerm: 'palpitations' })).toHaveProperty(
      'ok.clinicalTerm',
      'palpitations',
    );
    expect(outcome(searchInputSchema, { ...none, clinician: 'Dr Okafor' })).toHaveProperty('ok.clinician', 'Dr Okafor');
  });

  it('takes a clinic type only with its specialty', () => {
    expect(
      outcome(searchInputSchema, { ...search, specialtyCode: '', clinicalTerm: 'x', clinicTypeCode: 'HEART_FAILURE' }),
    ).toEqual({
      refused: { clinicTypeCode: 'Choose a specialty before a clinic type' },
    });
    expect(outcome(searchInputSchema, { ...search, clinicTypeCode: 'HEART_FAILURE' })).toHaveProperty(
      'ok.clinicTypeCode',
      'HEART_FAILURE',
    );
  });

  it('limits distance, or sorts by it, only from a postcode, searching by its district', () => {
    expect(outcome(searchInputSchema, { ...search, maxDistanceKm: '10' })).toEqual({
      refused: { postcode: 'Enter the patient’s postcode to limit the distance' },
    });
    expect(outcome(searchInputSchema, { ...search, sortBy: 'distance' })).toEqual({
      refused: { postcode: 'Enter the patient’s postcode to sort by distance' },
    });
    expect(outcome(searchInputSchema, { ...search, sortBy: 'wait' })).toHaveProperty('ok.sortBy', 'wait');
    const near = outcome(searchInputSchema, {
      ...search,
      postcode: ' ls1 4ap ',
      maxDistanceKm: '10',
      sortBy: 'distance',
    });
    expect(near).toHaveProperty('ok.postcode', 'LS1');
    expect(near).toHaveProperty('ok.maxDistanceKm', 10);
    expect(outcome(searchInputSchema, { ...search, postcode: 'SW1A1AA' })).toHaveProperty('ok.postcode', 'SW1A');
    expect(outcome(searchInputSchema, { ...search, postcode: 'M1' })).toHaveProperty('ok.postcode', 'M1');
    expect(outcome(searchInputSchema, { ...search, postcode: 'LS1 4A' })).toEqual({
      refused: { postcode: 'Enter a real postcode, like LS1 4AP' },
    });
    expect(outcome(searchInputSchema, { ...search, sortBy: 'name' })).toEqual({
      refused: { sortBy: 'Choose how to sort the results' },
    });
  });

  it('refuses a wait-time limit at two-week-wait only', () => {
    expect(outcome(searchInputSchema, { ...search, priority: 'TWO_WEEK_WAIT', maxWaitDays: '14' })).toEqual({
      refused: { maxWaitDays: 'Wait-time limits cannot be used for two week wait referrals' },
    });
    expect(outcome(searchInputSchema, { ...search, priority: 'TWO_WEEK_WAIT' })).toHaveProperty('ok');
    for (const priority of ['URGENT', 'ROUTINE']) {
      expect(outcome(searchInputSchema, { ...search, priority, maxWaitDays: '14' })).toHaveProperty(
        'ok.maxWaitDays',
        14,
      );
    }
  });

  it('needs the patient’s age and sex unless services for all ages and sexes are asked for', () => {
    const message = 'Enter the patient’s age and sex, or choose to show services for all ages and sexes';
    expect(outcome(searchInputSchema, { ...search, patientAge: '' })).toEqual({ refused: { patientAge: message } });
    expect(outcome(searchInputSchema, { ...search, patientSex: '' })).toEqual({ refused: { patientSex: message } });
    expect(outcome(searchInputSchema, { ...search, patientAge: '', patientSex: '' })).toEqual({
      refused: { patientAge: message },
    });
    // Age 0 is an age (a newborn), not a blank.
    expect(outcome(searchInputSchema, { ...search, patientAge: '0' })).toHaveProperty('ok.patientAge', 0);
    for (const all of [true, 'true', 'on']) {
      const result = outcome(searchInputSchema, {
        ...search,
        patientAge: '',
        patientSex: '',
        includeAllAgesAndSexes: all,
      });
      expect(result).toHaveProperty('ok.includeAllAgesAndSexes', true);
      expect((result as { ok: { patientSex?: string } }).ok.patientSex).toBeUndefined();
    }
    expect(outcome(searchInputSchema, { ...search, patientAge: '', includeAllAgesAndSexes: 'off' })).toEqual({
      refused: { patientAge: message },
    });
  });

  it('names numbers out of range', () => {
    expect(
      outcome(searchInputSchema, {
        ...search,
        patientAge: '151',
        postcode: 'LS1',
        maxDistanceKm: '0',
        maxWaitDays: '731',
      }),
    ).toEqual({
      refused: {
        patientAge: 'Patient age must be 150 or fewer',
        maxDistanceKm: 'Distance must be 1 or more',
        maxWaitDays: 'Wait must be 730 or fewer',
      },
    });
    expect(outcome(searchInputSchema, { ...search, clinician: 'x'.repeat(101) })).toEqual({
      refused: { clinician: 'Clinician name must be 100 characters or fewer' },
    });
  });
});

describe('a commissioning rule', () => {
  const rule = { serviceId: '7', startsOn: '2026-04-01' };

  it('runs from its start date for good, or until an end date on or after it', () => {
    expect(outcome(commissioningRuleInputSchema, { ...rule, endsOn: '' })).toEqual({
      ok: { serviceId: 7, startsOn: '2026-04-01' },
    });
    expect(outcome(commissioningRuleInputSchema, rule)).toEqual({ ok: { serviceId: 7, startsOn: '2026-04-01' } });
    expect(outcome(commissioningRuleInputSchema, { ...rule, endsOn: '2026-04-01' })).toEqual({
      ok: { serviceId: 7, startsOn: '2026-04-01', endsOn: '2026-04-01' },
    });
    expect(outcome(commissioningRuleInputSchema, { ...rule, endsOn: '2026-03-31' })).toEqual({
      refused: { endsOn: 'The end date must be on or after the start date' },
    });
  });

  it('names a missing service or a date that is not real', () => {
    expect(outcome(commissioningRuleInputSchema, { serviceId: '0', startsOn: '2026-02-30', endsOn: 'soon' })).toEqual({
      refused: {
        serviceId: 'Choose a service',
        startsOn: 'Enter a real start date',
        endsOn: 'Enter a real end date, or leave it empty',
      },
    });
    expect(commissioningEndDateSchema.safeParse('2026-13-01').error?.issues[0]?.message).toBe('Enter a real end date');
  });
});

describe('a clinic cancellation', () => {
  const clinic = { serviceId: '7', date: '2026-06-01', fromTime: '', toTime: ' ', clinician: '' };

  it('is a whole day when no times are given', () => {
    expect(outcome(clinicCancellationSchema, clinic)).toEqual({ ok: { serviceId: 7, date: '2026-06-01' } });
    // A form that leaves the time fields out altogether, not just empty.
    expect(outcome(clinicCancellationSchema, { serviceId: '7', date: '2026-06-01' })).toEqual({
      ok: { serviceId: 7, date: '2026-06-01' },
    });
    expect(outcome(clinicCancellationSchema, { ...clinic, clinician: ' Dr Okafor ' })).toHaveProperty(
      'ok.clinician',
      'Dr Okafor',
    );
  });

  it('ends after it starts', () => {
    expect(outcome(clinicCancellationSchema, { ...clinic, fromTime: '09:00', toTime: '12:30' })).toHaveProperty(
      'ok.toTime',
      '12:30',
    );
    expect(outcome(clinicCancellationSchema, { ...clinic, fromTime: '09:00' })).toHaveProperty('ok.fromTime', '09:00');
    expect(outcome(clinicCancellationSchema, { ...clinic, toTime: '12:00' })).toHaveProperty('ok.toTime', '12:00');
    for (const toTime of ['09:00', '08:59']) {
      expect(outcome(clinicCancellationSchema, { ...clinic, fromTime: '09:00', toTime })).toEqual({
        refused: { toTime: 'The end time must be after the start time' },
      });
    }
  });

  it('names the service, the date or a time that is wrong', () => {
    expect(
      outcome(clinicCancellationSchema, { ...clinic, serviceId: '-1', date: 'tomorrow', fromTime: '9am' }),
    ).toEqual({
      refused: {
        serviceId: 'Choose the service',
        date: 'Enter the date of the clinic',
        fromTime: 'Enter a time in 24-hour format, like 09:30',
      },
    });
  });
});
