import { Hono, type Context } from 'hono';
import type { CodecToken } from '../../services/ops/codec.service';
import type { AppDeps } from '../deps';
import { access } from '../auth/route-table';
import { csrfField } from '../auth/middleware';
import { StaffLayout } from '../auth/staff-layout';
import { appOrigin } from '../auth/session-cookie';
import { Table } from '../components/display';
import { Button } from '../components/forms';
import { formatDateTime } from '../components/format';

/**
 * An operations engineer's personal tokens for the Temporal CLI's `--codec-auth`. A new token
 * is shown once, in the answer to the POST (never in a URL); the server keeps only its hash.
 */
export function codecTokenRoutes(deps: AppDeps) {
  const app = new Hono();
  app.get('/ops/codec-token', access('GET /ops/codec-token'), async (c) => {
    return c.html(<TokenPage c={c} tokens={await deps.services.codec.codecTokens(c.get('actor'))} deps={deps} />);
  });
  app.post('/ops/codec-token', access('POST /ops/codec-token'), async (c) => {
    const created = await deps.services.codec.createCodecToken(c.get('actor'));
    const tokens = await deps.services.codec.codecTokens(c.get('actor'));
    return c.html(<TokenPage c={c} tokens={tokens} created={created} deps={deps} />);
  });
  app.post('/ops/codec-token/:id/revoke', access('POST /ops/codec-token/:id/revoke'), async (c) => {
    await deps.services.codec.revokeCodecToken(c.get('actor'), c.req.param('id'));
    return c.redirect('/ops/codec-token', 303);
  });
  return app;
}

function TokenPage(props: {
  c: Context;
  deps: AppDeps;
  tokens: CodecToken[];
  created?: { token: string; expiresAt: Date };
}) {
  const { c, tokens, created } = props;
  const endpoint = `${appOrigin(c, props.deps.config.APP_ORIGIN).origin}/codec`;
  const now = Date.now();
  return (
    <StaffLayout c={c} title="Codec tokens for the Temporal CLI">
      <h1 class="nhsuk-heading-l">Codec tokens for the Temporal CLI</h1>
      <p>
        A token lets the Temporal CLI decode referral payloads as you, until it expires or you revoke it. Every decode
        is recorded in the audit trail with your name.
      </p>
      {created && (
        <div class="nhsuk-inset-text" data-testid="new-codec-token">
          <p>
            Your new token, shown this once (it expires {formatDateTime(created.expiresAt)}):
            <br />
            <code>{created.token}</code>
          </p>
          <p>Keep it out of your shell history: put it in a variable, then</p>
          <pre>
            <code>{`temporal workflow show --workflow-id referral-<UBRN> \\\n  --codec-endpoint ${endpoint} --codec-auth "Bearer $CAREPATH_CODEC_TOKEN"`}</code>
          </pre>
        </div>
      )}
      <form method="post" action="/ops/codec-token">
        {csrfField(c)}
        <Button secondary={Boolean(created)}>Create a token</Button>
      </form>
      {tokens.length > 0 && (
        <Table
          caption="Your tokens"
          headings={['Created', 'Expires', 'Last used', 'Status', '']}
          rows={tokens.map((t) => {
            const live = !t.revokedAt && t.expiresAt.getTime() > now;
            return [
              formatDateTime(t.createdAt),
              formatDateTime(t.expiresAt),
              t.lastUsedAt ? formatDateTime(t.lastUsedAt) : 'Never',
              t.revokedAt ? 'Revoked' : live ? 'Active' : 'Expired',
              live ? (
                <form method="post" action={`/ops/codec-token/${t.id}/revoke`}>
                  {csrfField(c)}
                  <Button secondary>Revoke</Button>
                </form>
              ) : (
                ''
              ),
            ];
          })}
        />
      )}
    </StaffLayout>
  );
}
