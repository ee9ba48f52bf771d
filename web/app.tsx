import type { AppDeps } from './deps';
import { adviceRoutes } from './advice/advice.routes';
import { Hono } from 'hono';
import { CarepathError, ERROR_WORDING } from '../domain/errors';
import { asUnavailable } from '../services/infrastructure';
import { assets } from './assets';
import { authRoutes } from './auth/auth.routes';
import { sessionMiddleware } from './auth/middleware';
import { directoryRoutes } from './directory/directory.routes';
import { findRoutes } from './find/find.routes';
import { statusOf } from './errors';
import { healthRoutes } from './health/health.routes';
import { homeRoutes } from './home/home.routes';
import { Layout } from './layout';
import { notificationRoutes } from './notifications/notifications.routes';
import { codecRoutes } from './ops/codec.routes';
import { codecTokenRoutes } from './ops/codec-token.routes';
import { opsRoutes } from './ops/ops.routes';
import { type Logger, jsonLogger, requestLog, unexpectedErrorFields } from './observability/logging';
import { createReferralRoutes } from './referrals/create/create.routes';
import { patientLetterRoutes } from './referrals/patient-letter.routes';
import { referralRoutes } from './referrals/referral.routes';
import { replayRoutes } from './replay/replay.routes';
import { reportsRoutes } from './reports/reports.routes';
import { trainingBanner } from './training/banner';
import { noTrainersOutsideTraining } from './training/live-guard';
import { trainingRoutes } from './training/training.routes';
import { requestBodies } from './request-body';
import { noStore, securityHeaders } from './security-headers';
import { worklistRoutes } from './worklists/worklist.routes';

/** `logger`: where request and error lines go (default: JSON lines on stdout). */
export function createApp(deps: AppDeps, options: { logger?: Logger } = {}) {
  const logger = options.logger ?? jsonLogger();
  const app = new Hono();
  // First, so that its timing and its log line cover every other middleware too.
  app.use(requestLog(logger));
  app.use(securityHeaders, noStore);
  // A training space says so on every page; a live one refuses the Trainer role (decision 0020).
  if (deps.config.TRAINING) app.use(trainingBanner);
  app.route('/assets', assets);
  app.route('/', healthRoutes(deps));
  // The Temporal UI's codec calls: cross-origin JSON, guarded by origin instead of a CSRF token.
  app.route('/', codecRoutes(deps));
  // Before the session middleware, which reads forms for their CSRF token.
  app.use(requestBodies);
  // Every route registered after this line has the session, the actor and CSRF checks.
  app.use(sessionMiddleware(deps));
  if (!deps.config.TRAINING) app.use(noTrainersOutsideTraining);
  app.route('/', homeRoutes);
  app.route('/', authRoutes(deps));
  // Before referralRoutes: /referrals/new must not be taken for a UBRN.
  app.route('/', createReferralRoutes(deps));
  app.route('/', referralRoutes(deps));
  app.route('/', patientLetterRoutes(deps));
  app.route('/', findRoutes(deps));
  app.route('/', worklistRoutes(deps));
  app.route('/', adviceRoutes(deps));
  app.route('/', notificationRoutes(deps));
  app.route('/', directoryRoutes(deps));
  app.route('/', codecTokenRoutes(deps));
  app.route('/', opsRoutes(deps));
  app.route('/', reportsRoutes(deps));
  app.route('/', replayRoutes(deps));
  app.route('/', trainingRoutes(deps));

  app.notFound((c) =>
    c.html(
      <ErrorPage title={ERROR_WORDING.NOT_FOUND.title} message={ERROR_WORDING.NOT_FOUND.advice} />,
      statusOf('NOT_FOUND'),
    ),
  );
  app.onError((thrown, c) => {
    // Outages met outside a service (the session lookup, say) read the same as inside one.
    const error = asUnavailable(thrown);
    if (error instanceof CarepathError) {
      const { title, advice } = ERROR_WORDING[error.code];
      const message = error.code === 'UNAVAILABLE' ? `${error.message} ${advice}` : error.message;
      return c.html(<ErrorPage title={title} message={message} />, statusOf(error));
    }
    // The message may carry request data; log only the type and stack frames, never the request body.
    logger.error('unhandled error', {
      requestId: c.get('requestId'),
      method: c.req.method,
      route: c.req.routePath,
      ...unexpectedErrorFields(thrown),
    });
    return c.html(<ErrorPage title="Sorry, there is a problem with the service" message="Try again later." />, 500);
  });
  return app;
}

function ErrorPage({ title, message }: { title: string; message: string }) {
  return (
    <Layout title={title}>
      <h1 class="nhsuk-heading-l">{title}</h1>
      <p>{message}</p>
      <p>
        <a href="/">Go to the home page</a>
      </p>
    </Layout>
  );
}
