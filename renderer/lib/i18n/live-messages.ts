import { catalogTag } from './index.ts';

/**
 * Words for what takes over or stands in for a screen (urgent messages, door
 * signs being set up, the holding screen) and the door sign's countdowns.
 * Kept apart from `messages.ts` so the two catalogs grow independently; the
 * same `catalogTag` picks both.
 */
export interface LiveMessages {
  /** Above an urgent message. */
  urgent: string;
  /** A cancelled show on a door sign. */
  cancelledSeeBoxOffice: string;
  startsInMinutes(minutes: string): string;
  doorsOpen: string;
  /** A door sign whose auditorium is unknown or not set. */
  signBeingSetUp: string;
  /** The holding screen before the venue has a name and time zone. */
  holding: string;
}

const en: LiveMessages = {
  urgent: 'Important',
  cancelledSeeBoxOffice: 'Cancelled — see the box office',
  startsInMinutes: (m) => `Starts in ${m} min`,
  doorsOpen: 'Doors open',
  signBeingSetUp: 'This sign is being set up',
  holding: 'This screen is being set up',
};

const zhCN: LiveMessages = {
  urgent: '重要通知',
  cancelledSeeBoxOffice: '已取消，请咨询售票处',
  startsInMinutes: (m) => `${m}分钟后开映`,
  doorsOpen: '正在入场',
  signBeingSetUp: '本指示牌正在设置中',
  holding: '本屏幕正在设置中',
};

const ms: LiveMessages = {
  urgent: 'Penting',
  cancelledSeeBoxOffice: 'Dibatalkan — sila ke kaunter tiket',
  startsInMinutes: (m) => `Mula dalam ${m} minit`,
  doorsOpen: 'Pintu dibuka',
  signBeingSetUp: 'Papan tanda ini sedang disediakan',
  holding: 'Skrin ini sedang disediakan',
};

const fr: LiveMessages = {
  urgent: 'Important',
  cancelledSeeBoxOffice: 'Annulée — voir la billetterie',
  startsInMinutes: (m) => `Début dans ${m} min`,
  doorsOpen: 'Entrée en salle',
  signBeingSetUp: 'Cet écran est en cours d’installation',
  holding: 'Cet écran est en cours d’installation',
};

const LIVE_CATALOGS: Readonly<Record<string, LiveMessages>> = Object.freeze({ en, 'zh-CN': zhCN, ms, fr });

export function liveMessagesFor(locale: string): LiveMessages {
  return LIVE_CATALOGS[catalogTag(locale)] ?? en;
}
