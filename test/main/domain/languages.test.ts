import { describe, expect, it } from 'vitest';
import {
  LanguageCode,
  SubtitleCodes,
  describeLanguages,
  languageCodeOf,
  languageName,
  languagesFromTags,
} from '../../../main/domain/languages.ts';

describe('show languages', () => {
  it.each([
    ['cmn', 'Mandarin', '普通话', 'Mandarin', 'Mandarin'],
    ['yue', 'Cantonese', '粤语', 'Kantonis', 'Cantonais'],
    ['nan', 'Hokkien', '闽南语', 'Hokkien', 'Hokkien'],
    ['hak', 'Hakka', '客家话', 'Hakka', 'Hakka'],
    ['en', 'English', '英语', 'Inggeris', 'Anglais'],
    ['ms', 'Malay', '马来语', 'Melayu', 'Malais'],
    ['ta', 'Tamil', '淡米尔语', 'Tamil', 'Tamoul'],
    ['zh-Hans', 'Chinese', '简体中文', 'Cina', 'Chinois'],
  ])('names %s from our table in en, zh-CN, ms and fr', (code, en, zh, ms, fr) => {
    expect(['en', 'zh-CN', 'ms', 'fr'].map((l) => languageName(code, l))).toEqual([en, zh, ms, fr]);
  });

  it('reads the table before Intl, which would call Mandarin "Chinese"', () => {
    expect(new Intl.DisplayNames(['en'], { type: 'language' }).of('cmn')).not.toBe('Mandarin');
    expect(languageName('cmn', 'en')).toBe('Mandarin');
    expect(languageName('CMN', 'en-GB')).toBe('Mandarin');
    expect(languageName('cmn-Hans', 'en')).toBe('Mandarin');
    expect(languageName('zh-hans', 'zh-SG')).toBe('简体中文');
  });

  it('asks Intl for languages outside the table, and shows a code nobody knows as it is', () => {
    expect(languageName('de', 'en')).toBe('German');
    expect(languageName('de', 'fr')).toBe('allemand');
    expect(languageName('qaa', 'en')).toBe('qaa');
  });

  it('keeps codes exactly as given', () => {
    expect(LanguageCode.parse('cmn')).toBe('cmn');
    expect(LanguageCode.parse('zh-Hans')).toBe('zh-Hans');
    expect(LanguageCode.safeParse('Mandarin!').error?.issues[0]?.message).toBe(
      'must be a BCP 47 language code like cmn, en or ms',
    );
    expect(SubtitleCodes.safeParse(['en', 'EN']).error?.issues[0]?.message).toBe('lists a language twice');
    expect(
      SubtitleCodes.safeParse(Array.from({ length: 9 }, (_, i) => `x${i}a`)).error?.issues[0]?.message,
    ).toBe('at most 8 subtitle languages');
  });

  it.each([
    ['en', 'Mandarin, English and Chinese subtitles'],
    ['zh-CN', '普通话，英语、简体中文字幕'],
    ['ms', 'Mandarin, sari kata Inggeris & Cina'],
    ['fr', 'Mandarin, sous-titres anglais et chinois'],
  ])("says a show's languages in one line (%s)", (locale, line) => {
    expect(describeLanguages({ audio: 'cmn', subtitles: ['en', 'zh-Hans'] }, locale)).toBe(line);
  });

  it('says audio alone, subtitles alone, or nothing', () => {
    expect(describeLanguages({ audio: 'yue' }, 'en')).toBe('Cantonese');
    expect(describeLanguages({ subtitles: ['en'] }, 'en')).toBe('English subtitles');
    expect(describeLanguages({ subtitles: ['en'] }, 'zh-CN')).toBe('英语字幕');
    expect(describeLanguages({}, 'fr')).toBe('');
  });

  it.each([
    ['Mandarin', 'cmn'],
    ['mandarin', 'cmn'],
    ['Chinese (Mandarin)', 'cmn'],
    ['华语', 'cmn'],
    ['Cantonese', 'yue'],
    ['Hokkien', 'nan'],
    ['Hakka', 'hak'],
    ['English', 'en'],
    ['Bahasa Melayu', 'ms'],
    ['Malay', 'ms'],
    ['Tamil', 'ta'],
    ['Japanese', 'ja'],
    ['cmn', 'cmn'],
    ['zh-Hant', 'zh-Hant'],
  ])('maps the ticketing word "%s" to %s', (word, code) => {
    expect(languageCodeOf(word)).toBe(code);
  });

  it('knows no code for words that are no language', () => {
    for (const word of ['Klingonese', '', 'Subtitled', 'IMAX 3D'])
      expect(languageCodeOf(word)).toBeUndefined();
  });

  it('turns the demo\'s "Subtitled" and "Dubbed" tags into languages with the venue\'s hints', () => {
    const hints = { original: 'ko', dubbedInto: 'cmn', subtitlesIn: ['en', 'zh-Hans'] };
    expect(languagesFromTags(['Subtitled', '3D'], hints)).toEqual({
      tags: ['3D'],
      audio: 'ko',
      subtitles: ['en', 'zh-Hans'],
    });
    expect(languagesFromTags(['Dubbed', 'Family'], hints)).toEqual({
      tags: ['Family'],
      audio: 'cmn',
      subtitles: [],
    });
    expect(languagesFromTags(['Mandarin', 'English subtitles', 'Chinese subs'])).toEqual({
      tags: [],
      audio: 'cmn',
      subtitles: ['en', 'zh'],
    });
    // Without hints nobody knows which languages "Subtitled" means: it stays a tag.
    expect(languagesFromTags(['Subtitled', 'Dubbed'])).toEqual({
      tags: ['Subtitled', 'Dubbed'],
      subtitles: [],
    });
  });
});
