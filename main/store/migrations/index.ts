import { initial } from './001-initial.ts';
import { admin } from './002-admin.ts';
import { idempotency } from './003-idempotency.ts';
import { cinemaData } from './004-cinema-data.ts';
import { staffAccounts } from './005-staff-accounts.ts';
import { undoAndScreens } from './006-undo-and-screens.ts';
import { lobbyContent } from './007-lobby-content.ts';
import { screenAcknowledgements } from './008-screen-acknowledgements.ts';
import type { Migration } from './migration.ts';

/** Every migration, in order. Append only; never edit one that has shipped. */
export const migrations: readonly Migration[] = [
  initial,
  admin,
  idempotency,
  cinemaData,
  staffAccounts,
  undoAndScreens,
  lobbyContent,
  screenAcknowledgements,
];
