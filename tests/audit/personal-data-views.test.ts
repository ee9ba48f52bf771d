import { describe, expect, it } from 'vitest';
import { storeLetter } from '../../db/documents/documents.repository';
import { declaredRoutes } from '../helpers/routes';
import { type ReferralWorld, get, referralWorldSuite } from '../helpers/referral-world';
import type { TestSession } from '../helpers/session';

/*
 * Issue 11: every view of personal data leaves one audit row. Every route the app declares is
 * sorted below into one of three lists, so a new route fails this test until someone decides
 * whether it shows personal data, and which test proves its audit row.
 */

type Walk = (
  w: ReferralWorld,
  ids: { ubrn: string },
) => { session: TestSession; path: string; action: string; subject?: string };

/** Pages that show patients' details, walked here: each request must leave exactly one audit row. */
const WALKED: Record<string, Walk> = {
  'GET /referrals/:ubrn': (w, { ubrn }) => ({
    session: w.sessions.gp,
    path: `/referrals/${ubrn}`,
    action: 'referral.viewed',
  }),
  'GET /referrals/:ubrn/letter': (w, { ubrn }) => ({
    session: w.sessions.gp,
    path: `/referrals/${ubrn}/letter`,
    action: 'referral.letter_viewed',
  }),
  'GET /worklists/:key': (w) => ({
    session: w.sessions.gp,
    path: '/worklists/awaiting-booking',
    action: 'worklist.viewed',
    subject: 'awaiting-booking',
  }),
  'GET /worklists/:key/rows': (w) => ({
    session: w.sessions.admin,
    path: '/worklists/review/rows',
    action: 'worklist.viewed',
    subject: 'review',
  }),
  'GET /referrals/:ubrn/book': (w, { ubrn }) => ({
    session: w.sessions.gp,
    path: `/referrals/${ubrn}/book`,
    action: 'referral.viewed',
  }),
  'GET /referrals/:ubrn/shortlist': (w, { ubrn }) => ({
    session: w.sessions.gp,
    path: `/referrals/${ubrn}/shortlist`,
    action: 'referral.viewed',
  }),
  'GET /notifications': (w) => ({ session: w.sessions.gp, path: '/notifications', action: 'notifications.viewed' }),
};

/**
 * Pages and posts that show personal data whose own feature's tests prove the audit row (the
 * file named mentions the action). Move a route to WALKED when this test can drive it simply.
 */
const AUDITED_IN_THEIR_OWN_TESTS: Record<string, [file: string, action: string]> = {
  'GET /referrals/:ubrn/created': ['services/referrals/referrals.service.test.ts', 'referral.viewed'],
  'GET /replay/:id/events/:n': ['services/replay/replay.service.test.ts', 'replay.step_viewed'],
  'POST /replay/export': ['services/replay/replay.service.test.ts', 'replay.history_exported'],
  'POST /referrals/:ubrn/patient-letter': ['services/letters/patient-letters.service.test.ts', 'referral.letter'],
  'GET /find': ['services/find/find.service.test.ts', 'referral.organisation_list_viewed'],
  'POST /find': ['services/find/find.service.test.ts', 'referral.searched'],
  'POST /referrals/new/nhs-number': ['services/patients/patients.service.ts', 'patient.looked_up'],
  'GET /advice/worklists': ['services/advice/advice.service.ts', 'advice.worklist_viewed'],
  'GET /advice/worklists/:key': ['services/advice/advice.service.ts', 'advice.worklist_viewed'],
  'GET /advice/:ubrn': ['web/advice/advice.routes.test.ts', 'advice.viewed'],
  'GET /advice/:ubrn/summary': ['services/advice/conversation-page.ts', 'advice.summary_downloaded'],
  'GET /advice/:ubrn/attachments/:id': ['services/advice/conversation-page.ts', 'advice.attachment_viewed'],
  'GET /reports/extracts/:kind': ['services/reports/reports.service.test.ts', 'report.extract_started'],
  'POST /reports/extracts/:kind/builds': ['services/reports/reports.service.test.ts', 'report.extract_started'],
  'GET /reports/extracts/builds/:id/file': ['services/reports/reports.service.test.ts', 'report.extract_downloaded'],
};

/** Everything else, and why it shows no personal data (or is not a view). */
const NO_PERSONAL_DATA: Record<string, string> = {};
const none = (why: string, ...routes: string[]) => routes.forEach((r) => (NO_PERSONAL_DATA[r] = why));
none('public pages, static files and health checks', 'GET /', 'GET /assets/*', 'GET /healthz', 'GET /readyz');
none(
  "sign-in, sessions and the user's own account: audited as auth.* events where they change something",
  ...['GET /auth/authenticator', 'GET /auth/confirm', 'GET /auth/organisation', 'GET /auth/password'],
  ...['GET /auth/password/new', 'GET /auth/recovery-codes', 'GET /auth/role', 'GET /auth/security'],
  ...['GET /auth/sign-in', 'GET /auth/sign-in/code', 'GET /auth/signed-out'],
  ...['POST /auth/authenticator', 'POST /auth/confirm', 'POST /auth/confirm/passkey'],
  ...['POST /auth/confirm/passkey/options', 'POST /auth/keep-alive', 'POST /auth/organisation'],
  ...['POST /auth/passkey/options', 'POST /auth/passkey/sign-in', 'POST /auth/passkeys'],
  ...['POST /auth/passkeys/:id/remove', 'POST /auth/passkeys/options', 'POST /auth/password'],
  ...['POST /auth/password/new', 'POST /auth/recovery-codes', 'POST /auth/role', 'POST /auth/sign-in'],
  ...['POST /auth/sign-in/code', 'POST /auth/sign-out', 'POST /auth/sign-out-everywhere'],
);
none(
  'home pages and the worklists index: tiles with counts, no patient',
  ...['GET /referrer', 'GET /provider', 'GET /service-definer', 'GET /commissioner', 'GET /analyst'],
  'GET /worklists',
);
none(
  'staff accounts (no patient data); their changes are audited as admin.*',
  ...['GET /admin/users', 'GET /admin/users/:id', 'POST /admin/users', 'POST /admin/users/:id/reset-authenticators'],
  ...['POST /admin/users/:id/roles', 'POST /admin/users/:id/roles/remove', 'POST /admin/users/:id/unlock'],
);
none(
  'the Directory of Services: services, clinics, rules (no patient); changes audited before/after',
  ...['GET /directory/capacity', 'GET /directory/clinic-types', 'GET /directory/clinics/cancel'],
  ...['GET /directory/commissioning', 'GET /directory/search', 'GET /directory/services'],
  ...['GET /directory/services/:id', 'GET /directory/services/:id/about', 'GET /directory/services/:id/edit'],
  ...['GET /directory/services/new', 'POST /directory/capacity', 'POST /directory/capacity/:id'],
  ...['POST /directory/clinics/cancel', 'POST /directory/commissioning', 'POST /directory/commissioning/:id/end'],
  ...['POST /directory/search', 'POST /directory/services/:id/clinics', 'POST /directory/services/:id/edit'],
  ...['POST /directory/services/:id/publish', 'POST /directory/services/:id/retire'],
  ...['POST /directory/services/:id/windows', 'POST /directory/services/new', 'POST /advice/new/search'],
);
none(
  "a referral action or step: the change is the referral's timeline and audit row (activities/referrals/projection.ts)",
  ...['POST /referrals/:ubrn/actions/:type', 'POST /referrals/:ubrn/book', 'POST /referrals/:ubrn/shortlist'],
  ...['POST /referrals/:ubrn/shortlist/confirm', 'POST /advice/:ubrn/actions/:type', 'POST /advice/new'],
);
none(
  "the author's own unsubmitted draft, shown only to its author: what they typed, before any referral exists (decision record 0015)",
  ...['GET /referrals/new', 'POST /referrals/new', 'GET /referrals/drafts/:draftId/appointment'],
  ...['GET /referrals/drafts/:draftId/book', 'GET /referrals/drafts/:draftId/check'],
  ...['GET /referrals/drafts/:draftId/details', 'GET /referrals/drafts/:draftId/services'],
  ...['POST /referrals/drafts/:draftId/choose', 'POST /referrals/drafts/:draftId/details'],
  ...['POST /referrals/drafts/:draftId/shortlist', 'POST /referrals/drafts/:draftId/submit'],
  ...['GET /advice/new', 'GET /advice/new/:serviceId', 'GET /advice/print.css'],
);
none('the advice home page: links to the advice worklists, no patient', 'GET /advice');
none(
  'replaying histories: the start page shows no patient, an upload or fetch only opens one',
  ...['GET /replay', 'POST /replay/upload', 'POST /replay/fetch'],
);
none(
  "advice services' response targets (no patient); a change is audited as advice.response_target_changed",
  ...['GET /advice/response-targets', 'GET /advice/response-targets/:serviceId'],
  'POST /advice/response-targets/:serviceId',
);
none(
  'aggregate reports and report pages: counts, no patient',
  ...['GET /reports', 'GET /reports/dashboard', 'GET /reports/dashboard/download', 'GET /reports/extracts'],
);
none(
  "an extract's build page and its progress: counts and dates, no patient (the file is audited)",
  ...['GET /reports/extracts/builds/:id', 'GET /reports/extracts/builds/:id/progress'],
);
none(
  'operations: decoded payloads are audited by the codec (ops.codec_*), tokens by ops.codec_token_*',
  ...['GET /ops', 'GET /ops/codec-token', 'GET /ops/workflow', 'POST /ops/codec-token'],
  ...['POST /ops/codec-token/:id/revoke', 'OPTIONS /codec/decode', 'OPTIONS /codec/encode'],
  ...['POST /codec/decode', 'POST /codec/encode'],
);

describe('every view of personal data is audited', () => {
  const w = referralWorldSuite();

  it('sorts every declared route: walked here, audited in its own tests, or no personal data', () => {
    const lists = [WALKED, AUDITED_IN_THEIR_OWN_TESTS, NO_PERSONAL_DATA].map((list) => new Set(Object.keys(list)));
    const routes = declaredRoutes(w.app).map((r) => `${r.method} ${r.path}`);
    const unsorted = routes.filter((route) => lists.filter((list) => list.has(route)).length !== 1);
    expect(unsorted, 'each route must be in exactly one list').toEqual([]);
    // And no list names a route the app no longer has.
    const gone = lists.flatMap((list) => [...list]).filter((route) => !routes.includes(route));
    expect(gone).toEqual([]);
  });

  it.each(Object.entries(AUDITED_IN_THEIR_OWN_TESTS))(
    '%s: %s names its audit action',
    async (_route, [file, action]) => {
      const { readFile } = await import('node:fs/promises');
      expect(await readFile(new URL(`../../${file}`, import.meta.url), 'utf8')).toContain(action);
    },
  );

  it.each(Object.keys(WALKED))('%s leaves one audit row: who, as what, and what was seen', async (route) => {
    const documentId = await storeLetter(w.db, {
      content: new TextEncoder().encode('%PDF-1.4\n%audit test\n'),
      orgCode: w.sessions.gp.actor.orgCode,
      uploadedBy: w.sessions.gp.actor.userId,
    });
    const referral = await w.refer({ letter: { status: 'ATTACHED', documentId } });
    await w.refer(); // a second referral, so each worklist shows more than one row
    const { session, path, action, subject } = WALKED[route]!(w, { ubrn: referral.ubrn });
    const rowsOf = () =>
      w.db.selectFrom('audit_events').selectAll().where('actor_user_id', '=', session.actor.userId).execute();
    const before = await rowsOf();
    const response = await get(w, session, path);
    expect(response.status, path).toBe(200);
    const added = (await rowsOf()).slice(before.length);
    expect(added.map((r) => r.action)).toEqual([action]);
    expect(added[0]).toMatchObject({ actor_role: session.actor.role, actor_org: session.actor.orgCode });
    if (subject) expect(added[0]?.subject_id).toBe(subject);
    // An audit row says what was seen, never who: no names or NHS numbers in its detail.
    expect(JSON.stringify(added[0]?.detail)).not.toMatch(/Example|9990000018/);
  });
});
