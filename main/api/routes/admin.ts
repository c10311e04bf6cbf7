import { DisplayRegistry } from '../../store/display-registry.ts';
import type { AppContext } from '../context.ts';
import type { Router } from '../router.ts';
import { adminAvailabilityRoutes } from './admin-availability.ts';
import { adminCatalogRoutes } from './admin-catalog.ts';
import { adminCopyRoutes } from './admin-copy.ts';
import { adminImportRoutes } from './admin-import.ts';
import { adminLobbyRoutes } from './admin-lobby.ts';
import { adminOverrideRoutes } from './admin-overrides.ts';
import { adminSeatRoutes } from './admin-seats.ts';
import { adminSessionRoutes } from './admin-session.ts';
import { adminShowtimeRoutes } from './admin-showtimes.ts';
import { adminStaffRoutes } from './admin-staff.ts';
import { adminStateRoutes } from './admin-state.ts';
import { adminTokenRoutes } from './admin-tokens.ts';
import { adminUndoRoutes } from './admin-undo.ts';
import { displayRoutes } from './displays.ts';

/**
 * Every `/api/admin/…` route but the poster upload (the poster part's), plus
 * the screens' heartbeat (public, but it feeds the admin's displays panel).
 * Each module guards its own routes.
 */
export function adminRoutes(
  router: Router,
  ctx: AppContext,
  displays = new DisplayRegistry(ctx.store.displays),
): void {
  adminSessionRoutes(router, ctx);
  adminTokenRoutes(router, ctx);
  adminStaffRoutes(router, ctx);
  adminStateRoutes(router, ctx);
  adminCatalogRoutes(router, ctx);
  adminShowtimeRoutes(router, ctx);
  adminCopyRoutes(router, ctx);
  adminAvailabilityRoutes(router, ctx);
  adminSeatRoutes(router, ctx);
  adminOverrideRoutes(router, ctx);
  adminImportRoutes(router, ctx);
  adminUndoRoutes(router, ctx);
  adminLobbyRoutes(router, ctx);
  displayRoutes(router, ctx, displays);
}
