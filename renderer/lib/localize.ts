/** A text in the wanted language, and the language it really is in (for `lang=`). */
export interface LocalizedText {
  text: string;
  lang: string;
}

const language = (tag: string) => tag.split('-')[0]!.toLowerCase();

/**
 * Picks the best translation for `locale`: an exact tag, then the same tag in
 * another case, then the same language (`zh` ↔ `zh-CN`), else the base text,
 * which is taken to be in the venue's primary language `baseLang`.
 */
export function localized(
  base: string,
  texts: Readonly<Record<string, string>> | undefined,
  locale: string,
  baseLang: string,
): LocalizedText {
  if (texts) {
    const exact = texts[locale];
    if (exact !== undefined) return { text: exact, lang: locale };
    const keys = Object.keys(texts);
    const sameTag = keys.find((k) => k.toLowerCase() === locale.toLowerCase());
    if (sameTag) return { text: texts[sameTag]!, lang: sameTag };
    const sameLanguage = keys.find((k) => language(k) === language(locale));
    if (sameLanguage) return { text: texts[sameLanguage]!, lang: sameLanguage };
  }
  return { text: base, lang: baseLang };
}
