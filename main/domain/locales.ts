/**
 * The locales Marquee has its own words for. Any BCP 47 tag is accepted in a
 * venue's `locales`; the tables (tag labels, language names) fall back from
 * it to one of these, then to English.
 */
export const TABLE_LOCALES = ['en', 'zh-CN', 'ms', 'fr'] as const;
export type TableLocale = (typeof TABLE_LOCALES)[number];

/** One text per table locale. */
export type Words = Readonly<Record<TableLocale, string>>;

/** The table locale for `locale`: `zh-SG` → `zh-CN`, `fr-CA` → `fr`, `en-GB` → `en`; unknown → `en`. */
export function tableLocale(locale: string): TableLocale {
  const language = locale.split(/[-_]/)[0]?.toLowerCase() ?? '';
  if (language === 'zh') return 'zh-CN';
  if (language === 'ms' || language === 'fr') return language;
  return 'en';
}
