import { Hono } from 'hono';
import type { OnClinicCancelled } from '../../db/directory/clinic-cancellation';
import type { AppDeps } from '../app';
import { capacityRoutes } from './capacity.routes';
import { commissioningRoutes } from './commissioning.routes';
import { definerRoutes } from './definer.routes';
import { searchRoutes } from './search.routes';

/** Every Directory of Services page, for `createApp` to mount. */
export function directoryRoutes(deps: AppDeps, onClinicCancelled?: OnClinicCancelled) {
  return new Hono()
    .route('/', definerRoutes(deps, onClinicCancelled))
    .route('/', commissioningRoutes(deps))
    .route('/', searchRoutes(deps))
    .route('/', capacityRoutes(deps));
}
