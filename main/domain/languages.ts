import { z } from 'zod';
import { type TableLocale, type Words, tableLocale } from './locales.ts';
import { tagKey } from './tags.ts';

/**
 * Languages of a show: its `audio` and `subtitles`, as BCP 47 codes. Codes are
 * kept exactly as given: `Intl` would turn `cmn` (Mandarin) into `zh`
 * ("Chinese"), which is the one distinction a Singapore board must keep.
 */

function isLanguageTag(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

/** A BCP 47 language code (`cmn`, `en`, `zh-Hans`), stored as given. */
export const LanguageCode = z
  .string()
  .min(2, 'must be a BCP 47 language code like cmn, en or ms')
  .max(35, 'must be a BCP 47 language code like cmn, en or ms')
  .refine(isLanguageTag, 'must be a BCP 47 language code like cmn, en or ms');

/** Subtitle languages, each once, at most 8; an empty list is the same as none. */
export const SubtitleCodes = z
  .array(LanguageCode)
  .max(8, 'at most 8 subtitle languages')
  .refine((list) => new Set(list.map((c) => c.toLowerCase())).size === list.length, 'lists a language twice');

/**
 * Names for the languages cinemas tell apart, in every table locale, read
 * before `Intl.DisplayNames` (which has no word for Hokkien in most locales
 * and calls Mandarin "Chinese").
 */
export const LANGUAGE_NAMES: Readonly<Record<string, Words>> = {
  cmn: { en: 'Mandarin', 'zh-CN': '普通话', ms: 'Mandarin', fr: 'Mandarin' },
  yue: { en: 'Cantonese', 'zh-CN': '粤语', ms: 'Kantonis', fr: 'Cantonais' },
  nan: { en: 'Hokkien', 'zh-CN': '闽南语', ms: 'Hokkien', fr: 'Hokkien' },
  hak: { en: 'Hakka', 'zh-CN': '客家话', ms: 'Hakka', fr: 'Hakka' },
  zh: { en: 'Chinese', 'zh-CN': '中文', ms: 'Cina', fr: 'Chinois' },
  'zh-Hans': { en: 'Chinese', 'zh-CN': '简体中文', ms: 'Cina', fr: 'Chinois' },
  'zh-Hant': {
    en: 'Traditional Chinese',
    'zh-CN': '繁体中文',
    ms: 'Cina Tradisional',
    fr: 'Chinois traditionnel',
  },
  en: { en: 'English', 'zh-CN': '英语', ms: 'Inggeris', fr: 'Anglais' },
  ms: { en: 'Malay', 'zh-CN': '马来语', ms: 'Melayu', fr: 'Malais' },
  ta: { en: 'Tamil', 'zh-CN': '淡米尔语', ms: 'Tamil', fr: 'Tamoul' },
  hi: { en: 'Hindi', 'zh-CN': '印地语', ms: 'Hindi', fr: 'Hindi' },
  te: { en: 'Telugu', 'zh-CN': '泰卢固语', ms: 'Telugu', fr: 'Télougou' },
  ml: { en: 'Malayalam', 'zh-CN': '马拉雅拉姆语', ms: 'Malayalam', fr: 'Malayalam' },
  id: { en: 'Indonesian', 'zh-CN': '印尼语', ms: 'Indonesia', fr: 'Indonésien' },
  th: { en: 'Thai', 'zh-CN': '泰语', ms: 'Thai', fr: 'Thaï' },
  ja: { en: 'Japanese', 'zh-CN': '日语', ms: 'Jepun', fr: 'Japonais' },
  ko: { en: 'Korean', 'zh-CN': '韩语', ms: 'Korea', fr: 'Coréen' },
  fr: { en: 'French', 'zh-CN': '法语', ms: 'Perancis', fr: 'Français' },
};

/** `zh-hans` → `zh-Hans`: table keys are matched whatever the case of the code. */
const TABLE_KEYS: ReadonlyMap<string, string> = new Map(
  Object.keys(LANGUAGE_NAMES).map((k) => [k.toLowerCase(), k]),
);

const displayNames = new Map<string, Intl.DisplayNames | null>();

function intlName(code: string, locale: string): string | undefined {
  let names = displayNames.get(locale);
  if (names === undefined) {
    try {
      names = new Intl.DisplayNames([locale], { type: 'language', fallback: 'none' });
    } catch {
      names = null;
    }
    displayNames.set(locale, names);
  }
  try {
    return names?.of(code) ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * The name of language `code` in `locale`: our table first (by the whole code,
 * then by its language subtag), then `Intl.DisplayNames`, else the code itself.
 */
export function languageName(code: string, locale: string): string {
  const lower = code.toLowerCase();
  const key = TABLE_KEYS.get(lower) ?? TABLE_KEYS.get(lower.split('-')[0] ?? '');
  if (key) return LANGUAGE_NAMES[key]![tableLocale(locale)];
  return intlName(code, locale) ?? code;
}

const SUBTITLE_LINE: Readonly<Record<TableLocale, (audio: string, subs: string[]) => string>> = {
  en: (a, s) => `${a}, ${joinEn(s)} subtitles`,
  'zh-CN': (a, s) => `${a}，${s.join('、')}字幕`,
  ms: (a, s) => `${a}, sari kata ${s.join(' & ')}`,
  fr: (a, s) => `${a}, sous-titres ${s.map((x) => x.toLowerCase()).join(' et ')}`,
};
const SUBTITLES_ONLY: Readonly<Record<TableLocale, (subs: string[]) => string>> = {
  en: (s) => `${joinEn(s)} subtitles`,
  'zh-CN': (s) => `${s.join('、')}字幕`,
  ms: (s) => `Sari kata ${s.join(' & ')}`,
  fr: (s) => `Sous-titres ${s.map((x) => x.toLowerCase()).join(' et ')}`,
};

function joinEn(list: readonly string[]): string {
  return list.length <= 1 ? (list[0] ?? '') : `${list.slice(0, -1).join(', ')} and ${list.at(-1)!}`;
}

/**
 * A show's languages as one line a screen can print, e.g. "Mandarin, English
 * and Chinese subtitles" or "普通话，英语、简体中文字幕"; `''` when neither is known.
 */
export function describeLanguages(
  show: { audio?: string | undefined; subtitles?: readonly string[] | undefined },
  locale: string,
): string {
  const t = tableLocale(locale);
  const subs = [...new Set((show.subtitles ?? []).map((c) => languageName(c, locale)))];
  const audio = show.audio === undefined ? undefined : languageName(show.audio, locale);
  if (subs.length === 0) return audio ?? '';
  return audio === undefined ? SUBTITLES_ONLY[t](subs) : SUBTITLE_LINE[t](audio, subs);
}

/** Words ticketing systems (Veezi's `AudioLanguage`) and people use for languages, by `tagKey`. */
const NAMED: ReadonlyMap<string, string> = new Map(
  (
    [
      ['cmn', ['Mandarin', 'Mandarin Chinese', 'Putonghua', '华语', '普通话', '国语', 'Chinese (Mandarin)']],
      ['yue', ['Cantonese', '粤语', '广东话', 'Chinese (Cantonese)']],
      ['nan', ['Hokkien', 'Min Nan', 'Minnan', 'Taiwanese', '闽南语', '福建话', '台语']],
      ['hak', ['Hakka', '客家话']],
      ['zh', ['Chinese', '中文']],
      ['en', ['English', 'Eng', '英语', '英文']],
      ['ms', ['Malay', 'Bahasa Melayu', 'Bahasa Malaysia', 'Melayu', '马来语']],
      ['ta', ['Tamil', '淡米尔语']],
      ['hi', ['Hindi']],
      ['te', ['Telugu']],
      ['ml', ['Malayalam']],
      ['id', ['Indonesian', 'Bahasa Indonesia']],
      ['th', ['Thai']],
      ['ja', ['Japanese', '日语']],
      ['ko', ['Korean', '韩语']],
      ['fr', ['French', 'Français', 'Francais']],
      ['es', ['Spanish', 'Español']],
      ['de', ['German', 'Deutsch']],
      ['it', ['Italian']],
      ['fil', ['Filipino', 'Tagalog']],
      ['vi', ['Vietnamese']],
    ] as const
  ).flatMap(([code, names]) => names.map((n) => [tagKey(n), code] as const)),
);

/**
 * The code for a language a ticketing system names in words ("Mandarin",
 * "English"), or for a code given as such (kept as written); `undefined`
 * when it is neither.
 */
export function languageCodeOf(name: string): string | undefined {
  const trimmed = name.trim();
  const named = NAMED.get(tagKey(trimmed));
  if (named) return named;
  return /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(trimmed) && isLanguageTag(trimmed) ? trimmed : undefined;
}

/** What a film's old-style language tags mean for its shows, where the venue knows. */
export interface LanguageHints {
  /** The film's own language, which "Subtitled" shows keep. */
  original?: string;
  /** The language "Dubbed" shows are dubbed into. */
  dubbedInto?: string;
  /** The subtitle languages of a "Subtitled" show. */
  subtitlesIn?: readonly string[];
}

export interface ShowLanguages {
  /** The tags left once language tags are taken out. */
  tags: string[];
  audio?: string;
  subtitles: string[];
}

/**
 * Turns language tags into a show's `audio` and `subtitles`: "Dubbed" gives the
 * `dubbedInto` audio, "Subtitled" the `subtitlesIn` subtitles (and the original
 * audio); a language name ("Mandarin") is the audio, and "<language>
 * subtitles" or "<language> subs" a subtitle language. A language tag whose
 * languages the hints do not give is kept as a tag. Pure.
 */
export function languagesFromTags(tags: readonly string[], hints: LanguageHints = {}): ShowLanguages {
  const out: ShowLanguages = { tags: [], subtitles: [] };
  const addSub = (code: string) => {
    if (!out.subtitles.some((c) => c.toLowerCase() === code.toLowerCase())) out.subtitles.push(code);
  };
  for (const tag of tags) {
    const key = tagKey(tag);
    if ((key === 'dubbed' || key === 'dub') && hints.dubbedInto) {
      out.audio = hints.dubbedInto;
      continue;
    }
    if ((key === 'subtitled' || key === 'subtitles' || key === 'subs') && hints.subtitlesIn?.length) {
      hints.subtitlesIn.forEach(addSub);
      if (hints.original && out.audio === undefined) out.audio = hints.original;
      continue;
    }
    const sub = /^(.+?) (subtitles|subtitled|subs|sub)$/.exec(key)?.[1];
    const subCode = sub === undefined ? undefined : languageCodeOf(sub);
    if (subCode) {
      addSub(subCode);
      continue;
    }
    const code = NAMED.get(key);
    if (code) {
      out.audio = code;
      continue;
    }
    out.tags.push(tag);
  }
  return out;
}
