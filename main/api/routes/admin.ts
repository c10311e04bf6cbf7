import type { AppContext } from '../context.ts';
import type { Router } from '../router.ts';
import { adminAvailabilityRoutes } from './admin-availability.ts';
import { adminSessionRoutes } from './admin-session.ts';

/** Every `/api/admin/…` route. Each module guards its own routes with `requireAdmin`. */
export function adminRoutes(router: Router, ctx: AppContext): void {
  adminSessionRoutes(router, ctx);
  adminAvailabilityRoutes(router, ctx);
}
