/**
 * A table keyed by locale then by language ("en-GB", then "en"), read for a
 * BCP 47 tag: the tag is canonicalized first ("EN-gb" reads "en-GB", and
 * "zh-Hant-TW" reads "zh-TW"); an unreadable tag is tried as written. Pure.
 */
export function byLocale<T>(table: Readonly<Record<string, T>>, tag: string): T | undefined {
  let canonical = tag;
  try {
    canonical = Intl.getCanonicalLocales(tag)[0] ?? tag;
  } catch {
    // An unreadable tag falls through to its language below.
  }
  const parts = canonical.split('-');
  const language = parts[0]?.toLowerCase() ?? '';
  const region = parts.find((p, i) => i > 0 && /^([A-Z]{2}|\d{3})$/.test(p));
  return (region && table[`${language}-${region}`]) || table[language];
}
