import { Hono } from 'hono';
import { statusOf } from '../errors';
import type { Logger } from './logging';
import { unexpectedErrorFields } from './logging';

/**
 * `GET /metrics` for Prometheus, served on its own port (METRICS_PORT on METRICS_HOST), never
 * on the app's: scrapers carry no session, and the series are for whoever runs Carepath, so
 * they are kept off the public interface rather than behind a sign-in.
 */
export function metricsRoutes(scrape: () => Promise<string>, contentType: string, logger: Logger) {
  return new Hono().get('/metrics', async (c) => {
    try {
      return c.body(await scrape(), 200, { 'Content-Type': contentType });
    } catch (error) {
      // The process's own series are useless without the tables'; say the scrape failed.
      logger.error('metrics scrape failed', unexpectedErrorFields(error));
      return c.text('The metrics could not be read just now.', statusOf('UNAVAILABLE'));
    }
  });
}
