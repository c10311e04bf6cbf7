import { en, fr, type Messages, ms, zhCN } from './messages.ts';

export type { Messages } from './messages.ts';

/** The languages the board speaks, by BCP 47 tag. */
export const CATALOGS: Readonly<Record<string, Messages>> = Object.freeze({
  en,
  'zh-CN': zhCN,
  ms,
  fr,
});

/** Chinese tags that read Simplified characters; Traditional readers are better served by English. */
const SIMPLIFIED = /^zh(-hans)?(-(cn|sg|my))?$/i;

/**
 * The catalog for a venue locale: exact tag, else the same language
 * (`fr-CA` → `fr`, `ms-MY` → `ms`, `zh-SG` → `zh-CN`), else English.
 */
export function catalogTag(locale: string): string {
  if (Object.hasOwn(CATALOGS, locale)) return locale;
  if (SIMPLIFIED.test(locale)) return 'zh-CN';
  const lang = locale.split('-')[0]!.toLowerCase();
  if (lang !== 'zh' && Object.hasOwn(CATALOGS, lang)) return lang;
  return 'en';
}

export function messagesFor(locale: string): Messages {
  return CATALOGS[catalogTag(locale)]!;
}
