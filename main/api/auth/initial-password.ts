import { isStorageError } from '../../store/storage-errors.ts';
import type { Logger } from '../../log.ts';
import type { AdminAuth } from './admin-auth.ts';

/**
 * `MARQUEE_ADMIN_PASSWORD` sets the first password only; once one is set it
 * is ignored, which is logged so nobody thinks it changed the password. A
 * disk that cannot take it leaves the hub running without one (logged).
 */
export async function initialPassword(auth: AdminAuth, password: string, log: Logger): Promise<void> {
  try {
    if (await auth.setInitialPassword(password)) log.info('admin password set from MARQUEE_ADMIN_PASSWORD');
    else {
      log.warn(
        'MARQUEE_ADMIN_PASSWORD ignored: a password is already set. Change it in the admin, ' +
          'or on this machine with `marquee reset-password --data DIR`',
      );
    }
  } catch (err) {
    if (!isStorageError(err)) throw err;
    log.error('MARQUEE_ADMIN_PASSWORD could not be saved; no password is set', { error: String(err) });
  }
}
