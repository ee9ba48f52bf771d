import type { Context } from 'hono';
import { EXTRACT_RETENTION_HOURS } from '../../domain/reports/builds';
import type { ExtractBuild } from '../../services/reports/reports.service';
import { StaffLayout } from '../auth/staff-layout';
import { BackLink } from '../components/display';
import { formatDateTime } from '../components/format';

const count = (n: number) => n.toLocaleString('en-GB');
const megabytes = (bytes: number) => `${Math.max(0.1, Math.round(bytes / 100_000) / 10)} MB`;
export const buildPath = (id: string) => `/reports/extracts/builds/${id}`;

/**
 * An extract being prepared in the background: the rows counted so far, polled every two seconds
 * by htmx (a link to check again without script), then the download while it is kept.
 */
export function BuildPage({ c, build }: { c: Context; build: ExtractBuild }) {
  return (
    <StaffLayout c={c} title={build.title} beforeContent={<BackLink href="/reports/extracts">Extracts</BackLink>}>
      <h1 class="nhsuk-heading-l">{build.title}</h1>
      <p class="nhsuk-body">
        {build.range
          ? build.range.from === build.range.to
            ? `For ${build.range.from}.`
            : `From ${build.range.from} to ${build.range.to}.`
          : 'As things stand.'}{' '}
        Asked for at {formatDateTime(build.createdAt)}. Only you can download it, for {EXTRACT_RETENTION_HOURS}{' '}
        hours once it is ready.
      </p>
      <BuildProgress build={build} />
    </StaffLayout>
  );
}

/** The part of the page that changes: swapped whole by each poll until the build has ended. */
export function BuildProgress({ build }: { build: ExtractBuild }) {
  const building = build.state === 'building';
  const poll = building
    ? { 'hx-get': `${buildPath(build.id)}/progress`, 'hx-trigger': 'every 2s', 'hx-swap': 'outerHTML' }
    : {};
  return (
    <div id="build-progress" {...poll}>
      <div role="status" aria-live="polite">
        {build.state === 'building' && (
          <p class="nhsuk-body-l">
            Preparing: <strong>{count(build.rows)}</strong> rows so far.
          </p>
        )}
        {build.state === 'ready' && (
          <p class="nhsuk-body-l">
            Ready: <strong>{count(build.rows)}</strong> rows.
          </p>
        )}
        {build.state === 'failed' && (
          <p class="nhsuk-body-l">This extract could not be prepared. Ask for it again from the extracts page.</p>
        )}
        {build.state === 'expired' && (
          <p class="nhsuk-body-l">
            This extract was kept for {EXTRACT_RETENTION_HOURS} hours and has been removed. Ask for it again from the
            extracts page.
          </p>
        )}
      </div>
      {building && (
        <p class="nhsuk-body">
          You can leave this page and come back to it. <a href={buildPath(build.id)}>Check again</a>
        </p>
      )}
      {build.state === 'ready' && (
        <>
          <a class="nhsuk-button" href={`${buildPath(build.id)}/file`} download>
            Download {build.title.toLowerCase()} (CSV)
          </a>
          <p class="nhsuk-body">
            Kept until {formatDateTime(build.expiresAt)}. Compressed for the download: {megabytes(build.bytes)}.
          </p>
        </>
      )}
    </div>
  );
}
