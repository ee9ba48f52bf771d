import { sql } from 'kysely';
import { PRIORITIES } from '../../domain/priorities';
import type { RoleCode } from '../../domain/roles';
import type { Scenario } from '../../domain/training/scenario.schema';
import type { Executor } from '../executor';
import { addOrganisations } from '../identity/organisations.repository';
import { insertConfirmedTotpSecret } from '../identity/totp-secrets.repository';
import { assignRole, createUser } from '../identity/users.repository';
import { upsertPatients } from '../patients/patients.repository';

/** Marks this database as a training space: only then may `clearTrainingSpace` empty it. */
export async function markTrainingSpace(db: Executor): Promise<void> {
  await sql`insert into training_space (id) values (1) on conflict do nothing`.execute(db);
}

export async function isTrainingSpace(db: Executor): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from training_space`.execute(db);
  return Number(rows[0]?.n ?? 0) > 0;
}

// Reference data every deployment needs, the migrations' own bookkeeping, and the audit trail,
// which stays append-only even here: it records what trainees did, about made-up people.
const KEPT = [
  'kysely_migration',
  'kysely_migration_lock',
  'specialties',
  'clinic_types',
  'postcode_districts',
  'audit_events',
  'training_space',
];
// People and organisations are cleared row by row so the trainers' own accounts stay signed in.
const IDENTITY = [
  'users',
  'role_assignments',
  'totp_secrets',
  'recovery_codes',
  'webauthn_credentials',
  'sessions',
  'sign_in_throttles',
  'codec_tokens',
  'organisations',
];

/**
 * Empties a training space: every table but reference data and audit, every user who is not a
 * trainer, every organisation no trainer belongs to. Refuses a database not marked as a
 * training space, so a live one can never be wiped by mistake.
 */
export async function clearTrainingSpace(db: Executor, trainerRole: RoleCode): Promise<void> {
  if (!(await isTrainingSpace(db))) {
    throw new Error('This database is not a training space: refusing to clear it');
  }
  const { rows } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db);
  const tables = rows.map((r) => r.name).filter((t) => !KEPT.includes(t) && !IDENTITY.includes(t));
  if (tables.length > 0)
    await sql`truncate ${sql.join(tables.map((t) => sql.table(t)))} restart identity cascade`.execute(db);
  // The UBRN sequence runs on: Temporal keeps the ended workflows' ids, and a UBRN is never reused.
  const trainers = sql`(select user_id from role_assignments where role = ${trainerRole})`;
  await sql`delete from users where id not in ${trainers}`.execute(db);
  await sql`delete from organisations where ods_code not in (select org_code from role_assignments)`.execute(db);
}

/** The workflow ids of every referral and advice conversation this training space holds. */
export async function trainingWorkflowIds(db: Executor): Promise<string[]> {
  const referrals = await db.selectFrom('referrals').select('ubrn').execute();
  const advice = await db.selectFrom('advice_requests').select('ubrn').execute();
  return [...referrals.map((r) => `referral-${r.ubrn}`), ...advice.map((a) => `advice-${a.ubrn}`)];
}

/** Each cast member's id, each service's id, each user's authenticator secret. */
export type SeededCast = {
  users: Map<string, { userId: string; displayName: string; username: string }>;
  services: Map<string, string>;
  secrets: Record<string, string>;
};

/**
 * Writes a scenario's cast, patients and services (with booking windows open from now, so slots
 * placed in scenario time are bookable) into a cleared training space.
 */
export async function seedCast(
  db: Executor,
  scenario: Pick<Scenario, 'cast' | 'patients' | 'services'>,
  options: { passwordHash: string; newSecret: () => string },
): Promise<SeededCast> {
  await addOrganisations(
    db,
    scenario.cast.organisations.map((o) => ({
      ods_code: o.code,
      name: o.name,
      type: o.type,
      postcode: o.postcode,
      commissioning_area: o.commissioner ?? null,
    })),
  );
  const users: SeededCast['users'] = new Map();
  const secrets: Record<string, string> = {};
  for (const u of scenario.cast.users) {
    const userId = await createUser(db, {
      username: u.username,
      displayName: u.name,
      passwordHash: options.passwordHash,
    });
    for (const r of u.roles) await assignRole(db, userId, r.org, r.role);
    const secret = options.newSecret();
    await insertConfirmedTotpSecret(db, userId, secret);
    secrets[u.username] = secret;
    users.set(u.key, { userId, displayName: u.name, username: u.username });
  }
  await upsertPatients(
    db,
    scenario.patients.map((p) => ({
      nhsNumber: p.nhsNumber,
      givenName: p.givenName,
      familyName: p.familyName,
      dateOfBirth: p.dateOfBirth,
      sex: p.sex,
      address: `1 Training Street, ${p.postcode}`,
      postcode: p.postcode,
      registeredPracticeCode: p.practice,
    })),
  );
  const services: SeededCast['services'] = new Map();
  for (const s of scenario.services) {
    const row = await db
      .insertInto('services')
      .values({
        provider_org_code: s.provider,
        name: s.name,
        status: 'PUBLISHED',
        version: 1,
        request_types: s.requestTypes,
        specialty_code: s.specialty,
        clinic_type_code: s.clinicType ?? null,
        location: `${s.name} clinic`,
        address: `${s.name}, Training Hospital`,
        // Ofcom's range for drama: never a real line.
        telephone: '01632 960000',
        outcode: 'SE1',
        indicative_wait_days: 14,
        clinicians: ['Dr Training Clinician'],
        national: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const serviceId = String(row.id);
    services.set(s.key, serviceId);
    await db
      .insertInto('booking_windows')
      .values(PRIORITIES.map((priority) => ({ service_id: row.id, priority, from_days: 0, to_days: 3650 })))
      .execute();
  }
  return { users, services, secrets };
}

/** Publishes one slot (the service definer's clinic, set up by the scenario). Returns its id. */
export async function addSlot(db: Executor, serviceId: string, start: Date, minutes: number): Promise<string> {
  const row = await db
    .insertInto('slots')
    .values({
      service_id: Number(serviceId),
      start_at: start,
      end_at: new Date(start.getTime() + minutes * 60_000),
      clinician: 'Dr Training Clinician',
      released_at: new Date(0),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return String(row.id);
}

/** The earliest free slot of the service that starts after `after`. */
export async function firstFreeSlotAfter(db: Executor, serviceId: string, after: Date): Promise<string | undefined> {
  const row = await db
    .selectFrom('slots')
    .select('id')
    .where('service_id', '=', Number(serviceId))
    .where('status', '=', 'free')
    .where('start_at', '>', after)
    .orderBy('start_at')
    .executeTakeFirst();
  return row ? String(row.id) : undefined;
}

/** The organisation the training space's trainers belong to. */
export const TRAINING_TEAM = { ods_code: 'TRN000', name: 'Carepath Training Team', type: 'COMMISSIONER' as const };

/**
 * Adds a trainer (Trainer role at the training team) unless one with this username exists.
 * Returns the new user's id, or undefined when they were already there.
 */
export async function ensureTrainer(
  db: Executor,
  trainer: { username: string; displayName: string; passwordHash: string; totpSecret: string; role: RoleCode },
): Promise<string | undefined> {
  await addOrganisations(db, [{ ...TRAINING_TEAM, postcode: null, commissioning_area: null }]);
  const existing = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', trainer.username)
    .executeTakeFirst();
  if (existing) return undefined;
  const userId = await createUser(db, {
    username: trainer.username,
    displayName: trainer.displayName,
    passwordHash: trainer.passwordHash,
  });
  await assignRole(db, userId, TRAINING_TEAM.ods_code, trainer.role);
  await insertConfirmedTotpSecret(db, userId, trainer.totpSecret);
  return userId;
}
