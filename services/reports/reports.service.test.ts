import { gunzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../domain/actor';
import { CarepathError } from '../../domain/errors';
import { addDays, londonDateOf } from '../../domain/reports/date-range';
import { dashboardPeriod } from '../../domain/reports/dashboard';
import { actionRows } from '../../db/reports/extracts.repository';
import { refreshActivity } from '../../db/reports/activity.repository';
import type { ReportTables } from '../../db/reports/reports.table';
import { addUser } from '../../fixtures/identity';
import {
  HOSTILE,
  type ReportWorld,
  WORLD,
  addReportWorld,
  expectedActions,
  expectedEventCounts,
  parseCsv,
} from '../../fixtures/reports';
import { ADVICE_PATIENT, addAdviceWorld, adviceAt } from '../../fixtures/report-advice';
import { type TestDatabase, createTestDatabase } from '../../tests/helpers/database';
import type { CsvDownload } from './csv';
import { reportsService } from './reports.service';

async function text(download: CsvDownload): Promise<string> {
  let all = '';
  for await (const piece of download.body) all += piece;
  return all;
}

describe('reports service, on a known world of referrals', () => {
  let database: TestDatabase;
  let world: ReportWorld;
  let reports: ReturnType<typeof reportsService>;
  const today = londonDateOf(new Date());
  const wholeWorld = { period: 'months', fromMonth: addDays(today, -70).slice(0, 7), toMonth: today.slice(0, 7) };
  const analysts: Record<string, Actor> = {};
  const analyst = (org: string) => analysts[org]!;

  beforeAll(async () => {
    database = await createTestDatabase();
    world = await addReportWorld(database.db, today);
    await addAdviceWorld(database.db, world);
    for (const org of Object.values(WORLD)) analysts[org] = await addUser(database.db, { orgCode: org, role: 'B1130' });
    reports = reportsService({ db: database.db });
  });
  afterAll(() => database?.destroy());

  const extract = async (actor: Actor, kind: string, query: Record<string, string> = {}) =>
    parseCsv(await text(await reports.extract(actor, kind, query)));

  describe('action extract', () => {
    it.each([
      [WORLD.providerX, 'provider'],
      [WORLD.providerY, 'provider'],
      [WORLD.practiceA, 'referrer'],
      [WORLD.practiceB, 'referrer'],
      [WORLD.commissionerA, 'commissioner'],
      [WORLD.commissionerB, 'commissioner'],
    ] as const)('holds exactly the actions on referrals %s relates to, oldest first', async (org, side) => {
      const csv = await text(await reports.extract(analyst(org), 'actions', wholeWorld));
      expect(csv.startsWith('\uFEFFubrn,version,action,at,')).toBe(true);
      const { rows } = parseCsv(csv);
      const expected = expectedActions(world, org, side, '2000-01-01', today);
      expect(expected.length).toBeGreaterThan(10);
      expect(rows.map((r) => `${r.ubrn}:${r.version}`)).toEqual(expected);
    });

    it('keeps a provider on a referral it triaged and redirected to another provider', async () => {
      const { rows } = await extract(analyst(WORLD.providerY), 'actions', wholeWorld);
      expect(rows.filter((r) => r.ubrn === '799999999999').map((r) => r.action)).toEqual([
        'CREATE',
        'SEND_FOR_TRIAGE',
        'TRIAGE_OUTCOME',
        'BOOK',
      ]);
    });

    it('covers one London day when asked for a day', async () => {
      const day = addDays(today, -7);
      const { rows } = await extract(analyst(WORLD.practiceA), 'actions', { period: 'day', day });
      expect(rows.map((r) => `${r.ubrn}:${r.version}`)).toEqual(
        expectedActions(world, WORLD.practiceA, 'referrer', day, day),
      );
      expect(rows.length).toBeGreaterThan(0);
    });

    it('reads the same rows in small keyset batches, ties in time included', async () => {
      const scope = { orgCode: WORLD.providerX, side: 'provider' as const };
      const range = { from: '2000-01-01', to: today };
      const keys = async (batch: number) => {
        const found: string[] = [];
        for await (const rows of actionRows(database.db, scope, range, batch))
          found.push(...rows.map((r) => `${r.ubrn}:${r.version}`));
        return found;
      };
      const whole = await keys(10_000);
      expect(await keys(7)).toEqual(whole);
      expect(new Set(whole).size).toBe(whole.length);
    });

    it('names the actor, their role and the state, and leaves out comments and patients', async () => {
      const csv = await text(await reports.extract(analyst(WORLD.practiceA), 'actions', wholeWorld));
      const { rows } = parseCsv(csv);
      const create = rows.find((r) => r.action === 'CREATE')!;
      expect(create).toMatchObject({
        actor_role: 'B1101',
        actor_role_name: 'Referring Clinician',
        to_state: 'NOT_BOOKED',
      });
      expect(create.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      for (const secret of ['9990000018', 'Confidential', 'Free text a clinician typed'])
        expect(csv).not.toContain(secret);
    });
  });

  describe('CSV', () => {
    it('neutralises formulas and quotes commas and quotes, so a spreadsheet shows text', async () => {
      const csv = await text(await reports.extract(analyst(WORLD.providerX), 'actions', wholeWorld));
      const { rows } = parseCsv(csv);
      expect(rows.some((r) => r.service_name === `'${HOSTILE.serviceName}`)).toBe(true);
      expect(rows.some((r) => r.actor_name === `'${HOSTILE.referrerName}`)).toBe(true);
      expect(rows.some((r) => r.actor_name === `'${HOSTILE.clinicianName}`)).toBe(true);
      expect(csv).not.toMatch(/(^|,)[=+@-]/m);
      expect(csv).toContain(`"'=HYPERLINK(""http://example.invalid"",""Skin, """"urgent"""""")"`);
    });
  });

  describe('active referrals, slot issues, slots and user roles', () => {
    it('lists the open referrals of the organisation', async () => {
      const { rows } = await extract(analyst(WORLD.providerX), 'active-referrals');
      const expected = world.referrals
        .filter((r) => r.provider_org_code === WORLD.providerX && r.state !== 'CANCELLED_REFERRAL')
        .map((r) => r.ubrn)
        .sort();
      expect(
        world.referrals.some((r) => r.provider_org_code === WORLD.providerX && r.state === 'CANCELLED_REFERRAL'),
      ).toBe(true);
      expect(rows.map((r) => r.ubrn)).toEqual(expected);
    });

    it("lists a commissioner's practices' open referrals and no one else's", async () => {
      const { rows } = await extract(analyst(WORLD.commissionerB), 'active-referrals');
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => r.referrer_org === WORLD.practiceB)).toBe(true);
      expect(rows).toHaveLength(
        world.referrals.filter((r) => r.referrer_org_code === WORLD.practiceB && r.state !== 'CANCELLED_REFERRAL')
          .length,
      );
    });

    it('lists the slot issues with when each was deferred', async () => {
      const { rows } = await extract(analyst(WORLD.providerY), 'slot-issues');
      const deferred = world.referrals.filter(
        (r) => r.provider_org_code === WORLD.providerY && r.state === 'DEFERRED_TO_PROVIDER',
      );
      expect(rows.map((r) => r.ubrn)).toEqual(deferred.map((r) => r.ubrn).sort());
      // Each was deferred at its DEFER_TO_PROVIDER, even those whose contact target passed later.
      for (const row of rows) {
        const deferral = world.events.find((e) => e.ubrn === row.ubrn && e.type === 'DEFER_TO_PROVIDER')!;
        expect(row.deferred_at).toBe(new Date(deferral.at).toISOString());
      }
      expect(rows.map((r) => r.contact_target_breached)).toContain('true');
    });

    it('counts slots per service and day', async () => {
      const range = { period: 'months', fromMonth: today.slice(0, 7), toMonth: addDays(today, 5).slice(0, 7) };
      const { rows } = await extract(analyst(WORLD.providerX), 'slots', range);
      expect(rows).toHaveLength(3);
      expect(rows[0]).toMatchObject({
        service_id: world.services.x1.id,
        day: addDays(today, 1),
        slots: '4',
        free: '2',
        booked: '1',
        cancelled: '1',
        booked_percent: '33.3',
      });
      // The commissioner sees the services commissioned for its area; the other provider only its own.
      expect((await extract(analyst(WORLD.commissionerA), 'slots', range)).rows).toHaveLength(3);
      expect((await extract(analyst(WORLD.providerY), 'slots', range)).rows.map((r) => r.slots)).toEqual(['2']);
    });

    it('lists who holds which role in the organisation only', async () => {
      const { rows } = await extract(analyst(WORLD.providerX), 'user-roles');
      expect(rows.map((r) => [r.display_name, r.role, r.role_name, r.locked]).sort()).toEqual(
        [
          [`'${HOSTILE.clinicianName}`, 'B1110', 'Service Provider Clinician', 'false'],
          [analyst(WORLD.providerX).displayName, 'B1130', 'Information Analyst', 'false'],
        ].sort(),
      );
    });
  });

  describe('refusals', () => {
    it('refuses every other role', async () => {
      const clinician = await addUser(database.db, { orgCode: WORLD.providerX, role: 'B1110' });
      await expect(reports.extract(clinician, 'actions', wholeWorld)).rejects.toMatchObject({ code: 'NOT_PERMITTED' });
      await expect(reports.dashboard(clinician, {})).rejects.toMatchObject({ code: 'NOT_PERMITTED' });
      await expect(reports.extractChoices(clinician)).rejects.toMatchObject({ code: 'NOT_PERMITTED' });
    });

    it('names the field at fault in a bad range, and knows no other extract', async () => {
      const refused = (query: Record<string, string>) =>
        reports.extract(analyst(WORLD.providerX), 'actions', query).then(
          () => undefined,
          (e: CarepathError) => e.fields,
        );
      expect(await refused({ period: 'months', fromMonth: '2025-01', toMonth: '2026-06' })).toEqual({
        toMonth: 'Choose 12 months or fewer',
      });
      expect(await refused({ period: 'day', day: 'yesterday' })).toEqual({ day: 'Enter a real date, like 2026-12-01' });
      expect(await refused({})).toEqual({ day: 'Enter a day, or the first and last months' });
      await expect(reports.extract(analyst(WORLD.providerX), 'patients', {})).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    });
  });

  describe('audit', () => {
    const auditRows = (userId: string) =>
      database.db
        .selectFrom('audit_events')
        .select(['action', 'actor_role', 'actor_org', 'subject_type', 'subject_id', 'detail'])
        .where('actor_user_id', '=', userId)
        .orderBy('id')
        .execute();

    it('records who took which extract, for which range, and how many rows', async () => {
      const actor = await addUser(database.db, { orgCode: WORLD.practiceB, role: 'B1130' });
      const { rows } = await extract(actor, 'actions', { period: 'day', day: addDays(today, -8) });
      expect(await auditRows(actor.userId)).toEqual([
        {
          action: 'report.extract_started',
          actor_role: 'B1130',
          actor_org: WORLD.practiceB,
          subject_type: 'extract',
          subject_id: 'actions',
          detail: { from: addDays(today, -8), to: addDays(today, -8) },
        },
        {
          action: 'report.extract_finished',
          actor_role: 'B1130',
          actor_org: WORLD.practiceB,
          subject_type: 'extract',
          subject_id: 'actions',
          detail: { from: addDays(today, -8), to: addDays(today, -8), rows: rows.length, complete: true },
        },
      ]);
    });

    it('records an extract the browser abandoned as cut short', async () => {
      const actor = await addUser(database.db, { orgCode: WORLD.providerX, role: 'B1130' });
      const download = await reports.extract(actor, 'active-referrals', {});
      const pieces = download.body[Symbol.asyncIterator]();
      await pieces.next(); // the header
      await pieces.next(); // the first batch
      await pieces.return?.(undefined);
      const finished = (await auditRows(actor.userId)).at(-1)!;
      expect(finished).toMatchObject({ action: 'report.extract_finished', detail: { complete: false } });
      expect((finished.detail as { rows: number }).rows).toBeGreaterThan(0);
    });
  });

  describe('dashboard', () => {
    const to = () => addDays(today, -1);

    it.each([WORLD.providerX, WORLD.practiceA, WORLD.commissionerB, WORLD.providerY])(
      'counts what %s relates to, period against period',
      async (org) => {
        await refreshActivity(database.db);
        const { figures } = await reports.dashboard(analyst(org), { weeks: '4', to: to() });
        const period = dashboardPeriod(to(), 4);
        const now = expectedEventCounts(world, org, period.from, period.to);
        const before = expectedEventCounts(world, org, period.previousFrom, period.previousTo);
        expect(figures.totals.referrals).toMatchObject({ current: now.CREATE ?? 0, previous: before.CREATE ?? 0 });
        expect(figures.totals.bookings).toMatchObject({ current: now.BOOK ?? 0, previous: before.BOOK ?? 0 });
        expect(figures.totals.slotIssues).toMatchObject({
          current: now.DEFER_TO_PROVIDER ?? 0,
          previous: before.DEFER_TO_PROVIDER ?? 0,
        });
        expect(figures.breaches.current).toBe(now.CONTACT_TARGET_BREACHED ?? 0);
        expect(figures.triage.outcomes.current).toBe(now.TRIAGE_OUTCOME ?? 0);
        const rejected = now.REJECT ?? 0;
        const decided = rejected + (now.ACCEPT ?? 0);
        expect(figures.rejectionRate.current).toBe(decided === 0 ? null : Math.round((rejected / decided) * 1000) / 10);
        expect(figures.weekly.reduce((sum, w) => sum + w.referrals, 0)).toBe(now.CREATE ?? 0);
      },
    );

    it('has non-trivial figures for the busiest provider', async () => {
      const { figures, hotspots } = await reports.dashboard(analyst(WORLD.providerX), { weeks: '4', to: to() });
      expect(figures.totals.referrals.current).toBeGreaterThan(5);
      expect(figures.totals.slotIssues.current).toBeGreaterThan(0);
      expect(figures.triage.averageDays.current).toBeGreaterThan(0);
      expect(hotspots.length).toBeGreaterThan(0);
      const period = dashboardPeriod(to(), 4);
      for (const hotspot of hotspots) {
        const service = Object.values(world.services).find((s) => s.id === hotspot.serviceId)!;
        const counts = expectedEventCounts(
          world,
          WORLD.providerX,
          period.from,
          period.to,
          (_e, r) => r.service_id === service.id,
        );
        expect(hotspot).toMatchObject({ name: service.name, slotIssues: counts.DEFER_TO_PROVIDER });
      }
    });

    it('filters by specialty and by service', async () => {
      const period = dashboardPeriod(to(), 4);
      const bySpecialty = await reports.dashboard(analyst(WORLD.providerX), {
        weeks: '4',
        to: to(),
        specialty: 'DERMATOLOGY',
      });
      const dermatology = expectedEventCounts(
        world,
        WORLD.providerX,
        period.from,
        period.to,
        (_e, r) => r.specialty === 'DERMATOLOGY',
      );
      expect(bySpecialty.figures.totals.referrals.current).toBe(dermatology.CREATE ?? 0);
      expect(bySpecialty.figures.bySpecialty.map((s) => s.specialty)).toEqual(['DERMATOLOGY']);
      const x1 = world.services.x1.id;
      const byService = await reports.dashboard(analyst(WORLD.providerX), { weeks: '4', to: to(), serviceId: x1 });
      const clinic = expectedEventCounts(
        world,
        WORLD.providerX,
        period.from,
        period.to,
        (_e, r) => r.service_id === x1,
      );
      expect(byService.figures.totals.bookings.current).toBe(clinic.BOOK ?? 0);
    });

    it('refuses bad filters naming the field', async () => {
      await expect(reports.dashboard(analyst(WORLD.providerX), { weeks: '3', to: 'tomorrow' })).rejects.toMatchObject({
        code: 'VALIDATION',
        fields: { weeks: 'Choose a period from the list', to: 'Enter a real date, like 2026-12-01' },
      });
    });

    it('counts new activity at the next refresh, and only once', async () => {
      await refreshActivity(database.db);
      const before = (await reports.dashboard(analyst(WORLD.practiceB), { weeks: '4', to: today })).figures.totals
        .referrals.current;
      await database.db
        .insertInto('referral_timeline')
        .values({
          ubrn: world.referrals.find((r) => r.referrer_org_code === WORLD.practiceB)!.ubrn,
          version: 99,
          type: 'CREATE',
          at: new Date(Date.now() - 60_000),
          to_state: 'NOT_BOOKED',
          summary: 'late',
        })
        .execute();
      await refreshActivity(database.db);
      await refreshActivity(database.db);
      const after = (await reports.dashboard(analyst(WORLD.practiceB), { weeks: '4', to: today })).figures.totals
        .referrals.current;
      expect(after).toBe(before + 1);
      await sql`delete from referral_timeline where version = 99`.execute(database.db);
      await refreshActivity(database.db);
    });

    it('gives the same figures as CSV, and records the download', async () => {
      const actor = analyst(WORLD.providerX);
      const { rows } = parseCsv(await text(await reports.dashboardDownload(actor, { weeks: '4', to: to() })));
      const { figures } = await reports.dashboard(actor, { weeks: '4', to: to() });
      expect(rows.find((r) => r.section === 'total' && r.measure === 'referrals')).toMatchObject({
        this_period: String(figures.totals.referrals.current),
        previous_period: String(figures.totals.referrals.previous),
      });
      expect(rows.filter((r) => r.section === 'week')).toHaveLength(4 * 3);
      const audit = await database.db
        .selectFrom('audit_events')
        .select('detail')
        .where('action', '=', 'report.dashboard_downloaded')
        .where('actor_user_id', '=', actor.userId)
        .execute();
      expect(audit).toHaveLength(1);
    });
  });

  describe('Advice and Guidance', () => {
    it.each([
      [WORLD.providerX, ['777000000001', '777000000002', '777000000003']],
      [WORLD.practiceA, ['777000000001', '777000000002', '777000000003']],
      [WORLD.commissionerA, ['777000000001', '777000000002', '777000000003']],
      [WORLD.providerY, ['777000000004']],
      [WORLD.practiceB, ['777000000004']],
      [WORLD.commissionerB, ['777000000004']],
    ])('extracts the advice requests %s relates to, oldest first', async (org, ubrns) => {
      const { rows } = await extract(analyst(org), 'advice-requests', wholeWorld);
      expect(rows.map((r) => r.ubrn)).toEqual(ubrns);
    });

    it('gives each request its first response, outcome and conversion, and no message or patient', async () => {
      const csv = await text(await reports.extract(analyst(WORLD.providerX), 'advice-requests', wholeWorld));
      const { header, rows } = parseCsv(csv);
      expect(header).toEqual([
        'ubrn',
        'state',
        'specialty',
        'service_id',
        'service_name',
        'provider_org',
        'referrer_org',
        'requested_at',
        'response_due',
        'first_response_at',
        'outcome',
        'converted',
        'updated_at',
      ]);
      expect(rows[0]).toMatchObject({
        state: 'CONVERTED',
        service_id: world.services.x1.id,
        provider_org: WORLD.providerX,
        referrer_org: WORLD.practiceA,
        requested_at: adviceAt(today, 20),
        first_response_at: adviceAt(today, 18),
        outcome: 'REFERRAL_RECOMMENDED',
        converted: 'true',
      });
      // A request for more information is the provider's first response.
      expect(rows[1]).toMatchObject({ first_response_at: adviceAt(today, 14), converted: 'false' });
      expect(rows[2]).toMatchObject({ state: 'AWAITING_RESPONSE', first_response_at: '', outcome: '' });
      for (const secret of [...Object.values(ADVICE_PATIENT), 'Free text a clinician typed'])
        expect(csv).not.toContain(secret);
    });

    it('covers requests made on one day when asked for a day', async () => {
      const { rows } = await extract(analyst(WORLD.providerX), 'advice-requests', {
        period: 'day',
        day: addDays(today, -15),
      });
      expect(rows.map((r) => r.ubrn)).toEqual(['777000000002']);
    });

    it.each([
      [WORLD.providerX, { requests: 3, responses: 2, days: 1.5, conversion: 50 }],
      [WORLD.practiceA, { requests: 3, responses: 2, days: 1.5, conversion: 50 }],
      [WORLD.commissionerA, { requests: 3, responses: 2, days: 1.5, conversion: 50 }],
      [WORLD.providerY, { requests: 1, responses: 1, days: 2, conversion: 0 }],
      [WORLD.commissionerB, { requests: 1, responses: 1, days: 2, conversion: 0 }],
    ])('counts the A&G figures of %s: requests, response times, conversion', async (org, expected) => {
      await refreshActivity(database.db);
      const { figures } = await reports.dashboard(analyst(org), { weeks: '4', to: addDays(today, -1) });
      expect(figures.advice).toEqual({
        requests: { current: expected.requests, previous: 0, change: null },
        responses: { current: expected.responses, previous: 0, change: null },
        averageResponseDays: { current: expected.days, previous: null },
        conversionRate: { current: expected.conversion, previous: null },
      });
      const csv = parseCsv(
        await text(await reports.dashboardDownload(analyst(org), { weeks: '4', to: addDays(today, -1) })),
      );
      expect(csv.rows.find((r) => r.section === 'advice' && r.measure === 'conversion_percent')).toMatchObject({
        this_period: String(expected.conversion),
      });
    });

    it('filters the A&G figures by service', async () => {
      const { figures } = await reports.dashboard(analyst(WORLD.providerX), {
        weeks: '4',
        to: addDays(today, -1),
        serviceId: world.services.x2.id,
      });
      expect(figures.advice.requests.current).toBe(0);
    });
  });

  describe('extracts built in the background', () => {
    const built = async (actor: Actor, query: Record<string, string> = wholeWorld) => {
      const { id, done } = await reports.startExtractBuild(actor, 'actions', query);
      await done;
      return id;
    };
    const fileText = async (actor: Actor, id: string) => {
      const file = await reports.extractBuildFile(actor, id);
      const pieces: Buffer[] = [];
      for await (const piece of file.gzip) pieces.push(piece);
      return { filename: file.filename, text: gunzipSync(Buffer.concat(pieces)).toString('utf8') };
    };

    it('builds the same CSV as the download, counts its rows and offers it to its owner only', async () => {
      const actor = analyst(WORLD.commissionerA);
      const id = await built(actor);
      const build = await reports.extractBuild(actor, id);
      const expected = expectedActions(world, WORLD.commissionerA, 'commissioner', '2000-01-01', today);
      expect(build).toMatchObject({ kind: 'actions', state: 'ready', rows: expected.length });
      expect(build.bytes).toBeGreaterThan(0);
      expect(build.expiresAt.getTime() - Date.now()).toBeGreaterThan(23 * 3_600_000);
      const file = await fileText(actor, id);
      expect(file.text).toBe(await text(await reports.extract(actor, 'actions', wholeWorld)));
      expect(file.filename).toMatch(/^carepath-actions-QRA-/);
      // Another analyst of the same organisation, or of another, cannot see it.
      const colleague = await addUser(database.db, { orgCode: WORLD.commissionerA, role: 'B1130' });
      await expect(reports.extractBuild(colleague, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(reports.extractBuildFile(analyst(WORLD.practiceA), id)).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    });

    it('records the build as an extract, and each download of the file', async () => {
      const actor = await addUser(database.db, { orgCode: WORLD.providerY, role: 'B1130' });
      const id = await built(actor);
      await fileText(actor, id);
      const audit = await database.db
        .selectFrom('audit_events')
        .select(['action', 'detail'])
        .where('actor_user_id', '=', actor.userId)
        .orderBy('id')
        .execute();
      const rows = expectedActions(world, WORLD.providerY, 'provider', '2000-01-01', today).length;
      expect(audit.map((a) => a.action)).toEqual([
        'report.extract_started',
        'report.extract_finished',
        'report.extract_downloaded',
      ]);
      expect(audit[1]!.detail).toMatchObject({ rows, complete: true });
      expect(audit[2]!.detail).toMatchObject({ build: id, rows });
    });

    it('refuses the file once past the retention limit', async () => {
      const actor = await addUser(database.db, { orgCode: WORLD.practiceB, role: 'B1130' });
      const id = await built(actor);
      await database.db
        .withTables<ReportTables>()
        .updateTable('report_extract_builds')
        .set({ expires_at: new Date(Date.now() - 1000) })
        .where('id', '=', id)
        .execute();
      expect((await reports.extractBuild(actor, id)).state).toBe('expired');
      await expect(reports.extractBuildFile(actor, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('refuses a bad range naming the field, and starts nothing', async () => {
      const actor = await addUser(database.db, { orgCode: WORLD.practiceA, role: 'B1130' });
      await expect(
        reports.startExtractBuild(actor, 'actions', { period: 'months', fromMonth: '2025-01', toMonth: '2026-06' }),
      ).rejects.toMatchObject({ code: 'VALIDATION', fields: { toMonth: expect.any(String) } });
      const builds = await database.db
        .withTables<ReportTables>()
        .selectFrom('report_extract_builds')
        .select('id')
        .where('user_id', '=', actor.userId)
        .execute();
      expect(builds).toEqual([]);
    });

    it('refuses a second build while one is being prepared, not once that one stopped', async () => {
      const actor = await addUser(database.db, { orgCode: WORLD.providerX, role: 'B1130' });
      const builds = database.db.withTables<ReportTables>();
      await builds
        .insertInto('report_extract_builds')
        .values({
          id: `building-${actor.userId}`,
          user_id: actor.userId,
          org_code: actor.orgCode,
          kind: 'actions',
          range_from: today,
          range_to: today,
          filename: 'x.csv',
          status: 'building',
          heartbeat_at: new Date(),
          expires_at: new Date(Date.now() + 3_600_000),
        })
        .execute();
      await expect(reports.startExtractBuild(actor, 'actions', wholeWorld)).rejects.toMatchObject({
        code: 'INVALID_REQUEST_STATE',
        fields: { fromMonth: expect.stringContaining('Wait for your extract') },
      });
      expect((await reports.extractBuild(actor, `building-${actor.userId}`)).state).toBe('building');
      // Its server went away three minutes ago: shown as failed, and no longer in the way.
      await builds
        .updateTable('report_extract_builds')
        .set({ heartbeat_at: new Date(Date.now() - 180_000) })
        .where('user_id', '=', actor.userId)
        .execute();
      expect((await reports.extractBuild(actor, `building-${actor.userId}`)).state).toBe('failed');
      const next = await reports.startExtractBuild(actor, 'actions', wholeWorld);
      await next.done;
      expect((await reports.extractBuild(actor, next.id)).state).toBe('ready');
    });
  });
});
