import type { Client } from '@temporalio/client';
import { type Kysely, sql } from 'kysely';
import type { CommandInput } from '../../domain/actions';
import { commandSchema } from '../../domain/actions';
import type { Actor } from '../../domain/actor';
import { defaultPolicy } from '../../domain/policy';
import type { Priority } from '../../domain/priorities';
import type { Referral, Service } from '../../domain/referral';
import type { RoleCode } from '../../domain/roles';
import type { Database } from '../../db/database';
import { getServiceSummary } from '../../db/directory/services.repository';
import { bookingWindowBounds } from '../../db/directory/slots.repository';
import { addService, shortlisted } from '../../fixtures/directory';
import { actOnReferral, createReferral } from '../../services/referrals/referral-workflows';

export type DemoTemporal = { client: Client; taskQueue: string };

const REFERRER_ORG = 'F84001';
const PROVIDER_ORG = 'RJ1';

export const PATIENTS: [given: string, family: string, dob: string, sex: 'female' | 'male'][] = [
  ['Amelia', 'Hughes', '1958-03-14', 'female'],
  ['Oliver', 'Khan', '1971-11-02', 'male'],
  ['Isla', 'Morgan', '1984-06-21', 'female'],
  ['George', 'Adeyemi', '1949-01-30', 'male'],
  ['Ava', 'Kowalski', '1966-09-09', 'female'],
  ['Noah', 'Brennan', '1990-12-17', 'male'],
  ['Mia', 'Osei', '1977-04-05', 'female'],
  ['Leo', 'Fitzgerald', '1955-08-25', 'male'],
  ['Grace', 'Nguyen', '1962-02-11', 'female'],
  ['Harry', 'Singh', '1980-07-19', 'male'],
  ['Freya', 'Campbell', '1973-05-28', 'female'],
  ['Arthur', 'Mensah', '1945-10-03', 'male'],
  ['Ivy', 'Doherty', '1988-01-22', 'female'],
  ['Theo', 'Lindqvist', '1959-06-08', 'male'],
];

/** A never-issued test NHS number (999 range) with a correct Modulus 11 check digit. */
export function testNhsNumber(n: number): string {
  for (let i = n; ; i++) {
    const nine = String(999_000_000 + i);
    const sum = [...nine].reduce((acc, d, k) => acc + Number(d) * (10 - k), 0);
    const check = (11 - (sum % 11)) % 11;
    if (check !== 10) return `${nine}${check}`;
  }
}

export async function actorOf(db: Kysely<Database>, username: string, role: RoleCode, orgCode: string): Promise<Actor> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return { userId: user.id, displayName: user.display_name, role, orgCode };
}

/** The provider's first published service of a request type, in cardiology where it has one. */
async function serviceOf(db: Kysely<Database>, type: 'DBS' | 'IBS'): Promise<Service> {
  const row = await db
    .selectFrom('services')
    .select('id')
    .where('provider_org_code', '=', PROVIDER_ORG)
    .where('status', '=', 'PUBLISHED')
    .where('national', '=', true)
    .where(sql<boolean>`${type} = any(request_types)`)
    .orderBy((eb) => eb.case().when('specialty_code', '=', 'CARDIOLOGY').then(0).else(1).end())
    .orderBy('id')
    .executeTakeFirstOrThrow();
  return (await getServiceSummary(db, row.id))!;
}

/**
 * A demo service beside `like` (same specialty and site), without slots: the demo provider has
 * no triage service of its own, and a clinic without capacity is how referrals get deferred.
 */
async function demoService(
  db: Kysely<Database>,
  like: Service,
  suffix: string,
  type: 'DBS' | 'TRIAGE',
): Promise<Service> {
  const template = await db
    .selectFrom('services')
    .selectAll()
    .where('id', '=', Number(like.serviceId))
    .executeTakeFirstOrThrow();
  const row = await addService(db, {
    provider_org_code: PROVIDER_ORG,
    name: `${template.name.replace(/ \(\d+\)$/, '')} - ${suffix}`,
    version: 1,
    request_types: [type],
    specialty_code: template.specialty_code,
    clinic_type_code: template.clinic_type_code,
    location: template.location,
    outcode: template.outcode,
    indicative_wait_days: 60,
  });
  return shortlisted(row);
}

/** Free slots referrers may book now at this priority, earliest first. */
async function freeSlots(db: Kysely<Database>, service: Service, priority: Priority, count: number) {
  const now = new Date();
  const window = await bookingWindowBounds(db, Number(service.serviceId), priority, now);
  return db
    .selectFrom('slots')
    .select(['id', 'start_at', 'end_at'])
    .where('service_id', '=', Number(service.serviceId))
    .where('status', '=', 'free')
    .where('start_at', '>=', window.from)
    .where('start_at', '<', window.to)
    .where('released_at', '<=', now)
    .orderBy('start_at')
    .limit(count)
    .execute();
}

/**
 * Demo referrals that put something on every worklist, each driven through its real workflow
 * by the same client calls the web uses. Needs the worker running. Bounded: 14 referrals.
 */
export async function seedReferrals(db: Kysely<Database>, temporal: DemoTemporal): Promise<string[]> {
  const gp = await actorOf(db, 'gp.clinician', 'B1101', REFERRER_ORG);
  const clinician = await actorOf(db, 'provider.clinician', 'B1110', PROVIDER_ORG);
  const admin = await actorOf(db, 'provider.admin', 'B1120', PROVIDER_ORG);
  const dbs = await serviceOf(db, 'DBS');
  const ibs = await serviceOf(db, 'IBS');
  const ras = await demoService(db, dbs, 'referral assessment', 'TRIAGE');
  const full = await demoService(db, dbs, 'overflow clinic', 'DBS');
  const slots = await freeSlots(db, dbs, 'URGENT', 8);
  let nextSlot = 0;
  let nextPatient = 0;

  async function refer(priority: Priority): Promise<Referral> {
    const i = nextPatient++;
    const [givenName, familyName, dateOfBirth, sex] = PATIENTS[i % PATIENTS.length]!;
    const view = await createReferral(
      temporal.client,
      db,
      {
        priority,
        patient: {
          nhsNumber: testNhsNumber(i * 7 + 1),
          givenName,
          familyName,
          dateOfBirth,
          sex,
          postcode: 'E1 1BB',
          registeredPracticeCode: REFERRER_ORG,
        },
        referrer: { orgCode: REFERRER_ORG, clinicianUserId: gp.userId, clinicianName: gp.displayName },
        specialty: 'CARDIOLOGY',
        reason: 'Exertional chest tightness for three months',
        clinicalInformation: 'ECG: sinus rhythm. BP 148/92. Non-smoker.',
        letter: { status: 'TO_FOLLOW' },
        shortlist: [dbs, ibs, ras, full],
      },
      gp,
      defaultPolicy,
      { taskQueue: temporal.taskQueue, idempotencyKey: `demo-referral-${i}` },
    );
    return view.referral;
  }

  async function act(referral: Referral, actor: Actor, input: Record<string, unknown>): Promise<Referral> {
    const command = commandSchema.parse({ ...input, expectedVersion: referral.version } as CommandInput);
    return (await actOnReferral(temporal.client, referral.ubrn, command, actor)).referral;
  }
  const book = (r: Referral, actor: Actor = gp) => {
    const slot = slots[nextSlot++]!;
    return act(r, actor, {
      type: 'BOOK',
      serviceId: dbs.serviceId,
      slotId: String(slot.id),
      start: slot.start_at.toISOString(),
      end: slot.end_at.toISOString(),
    });
  };
  const triage = (r: Referral) => act(r, gp, { type: 'SEND_FOR_TRIAGE', serviceId: ras.serviceId });
  const defer = (r: Referral) =>
    act(r, gp, { type: 'DEFER_TO_PROVIDER', serviceId: full.serviceId, reason: 'NO_SLOTS', slotsAvailable: false });

  // Referrer: Awaiting Booking (and Letters Outstanding).
  await refer('ROUTINE');
  await refer('URGENT');
  // Provider: Referrals for Review (booked, and awaiting triage).
  await book(await refer('URGENT'));
  await book(await refer('ROUTINE'));
  await triage(await refer('TWO_WEEK_WAIT'));
  await triage(await refer('ROUTINE'));
  // Provider: Appointment Slot Issues.
  await defer(await refer('URGENT'));
  await defer(await refer('ROUTINE'));
  // Provider: Appointments for Booking (triaged to book later; IBS to arrange; cancelled by the provider).
  await act(await triage(await refer('URGENT')), clinician, {
    type: 'TRIAGE_OUTCOME',
    outcome: 'ACCEPT_BOOK_LATER',
    comment: 'Book into the next rapid access clinic.',
  });
  await act(await refer('ROUTINE'), gp, { type: 'REQUEST_IBS', serviceId: ibs.serviceId });
  await act(await book(await refer('URGENT')), admin, {
    type: 'PROVIDER_CANCEL_APPOINTMENT',
    reason: 'CLINIC_CANCELLED',
  });
  // Referrer: Rejected / Triage Response, and Assessment Returned / Cancelled / DNA.
  await act(await triage(await refer('ROUTINE')), clinician, {
    type: 'TRIAGE_OUTCOME',
    outcome: 'RETURN_WITH_ADVICE',
    advice: 'Likely stable angina. Start bisoprolol 2.5 mg and a statin; refer again if symptoms persist.',
  });
  await act(await book(await refer('ROUTINE')), clinician, {
    type: 'REJECT',
    reason: 'FURTHER_INFORMATION_REQUIRED',
    comment: 'Please attach recent lipid profile and HbA1c.',
  });
  // Cancelled by the provider, so on the referrer's Returned / Cancelled / DNA list (e-RS A008). A
  // missed appointment can only be recorded once its time has passed, which demo slots have not.
  await act(await book(await refer('URGENT')), clinician, { type: 'CANCEL_REFERRAL', reason: 'BOOKED_OUTSIDE_CAB' });
  return [
    `Demo referrals: ${nextPatient} from ${REFERRER_ORG} to ${PROVIDER_ORG}, on every referrer and provider worklist.`,
  ];
}
