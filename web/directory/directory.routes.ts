import { Hono } from 'hono';
import type { AppDeps } from '../deps';
import { capacityRoutes } from './capacity.routes';
import { clinicCancellationRoutes } from './clinic-cancellation.routes';
import { clinicTypeRoutes } from './clinic-types.routes';
import { commissioningRoutes } from './commissioning.routes';
import { definerRoutes } from './definer.routes';
import { searchRoutes } from './search.routes';
import { serviceAboutRoutes } from './service-about.routes';

/** Every Directory of Services page, for `createApp` to mount. */
export function directoryRoutes(deps: AppDeps) {
  return new Hono()
    .route('/', definerRoutes(deps))
    .route('/', clinicTypeRoutes(deps))
    .route('/', clinicCancellationRoutes(deps))
    .route('/', commissioningRoutes(deps))
    .route('/', searchRoutes(deps))
    .route('/', serviceAboutRoutes(deps))
    .route('/', capacityRoutes(deps));
}
