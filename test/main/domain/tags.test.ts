import { describe, expect, it } from 'vitest';
import {
  KNOWN_TAGS,
  VenueTags,
  canonicalTag,
  canonicalTags,
  findTag,
  isScreeningTag,
  tagKind,
  tagLabel,
} from '../../../main/domain/tags.ts';

/** Every known tag: its kind and its label in en, zh-CN, ms and fr. */
const TABLE: readonly [string, string, string, string, string, string][] = [
  ['2D', 'format', '2D', '2D', '2D', '2D'],
  ['3D', 'format', '3D', '3D', '3D', '3D'],
  ['IMAX', 'format', 'IMAX', 'IMAX', 'IMAX', 'IMAX'],
  ['IMAX 3D', 'format', 'IMAX 3D', 'IMAX 3D', 'IMAX 3D', 'IMAX 3D'],
  ['HFR', 'format', 'HFR', '高帧率', 'HFR', 'HFR'],
  ['Dolby Cinema', 'format', 'Dolby Cinema', '杜比影院', 'Dolby Cinema', 'Dolby Cinema'],
  ['4DX', 'format', '4DX', '4DX', '4DX', '4DX'],
  ['ScreenX', 'format', 'ScreenX', 'ScreenX', 'ScreenX', 'ScreenX'],
  ['Laser', 'format', 'Laser', '激光', 'Laser', 'Laser'],
  ['Dolby Atmos', 'audio', 'Dolby Atmos', '杜比全景声', 'Dolby Atmos', 'Dolby Atmos'],
  ['Subtitled', 'audio', 'Subtitled', '有字幕', 'Bersari kata', 'Sous-titré'],
  ['Dubbed', 'audio', 'Dubbed', '配音版', 'Alih suara', 'Doublé'],
  ['AD', 'accessibility', 'Audio described', '口述影像', 'Huraian audio', 'Audiodescription'],
  ['CC', 'accessibility', 'Closed captions', '隐藏式字幕', 'Kapsyen tertutup', 'Sous-titrage codé'],
  ['Open captions', 'accessibility', 'Open captions', '开放式字幕', 'Kapsyen terbuka', 'Sous-titres SME'],
  ['Relaxed', 'accessibility', 'Relaxed screening', '轻松观影场', 'Tayangan santai', 'Séance relax'],
  ['Wheelchair', 'accessibility', 'Wheelchair spaces', '轮椅位', 'Ruang kerusi roda', 'Places PMR'],
  ['Hearing loop', 'accessibility', 'Hearing loop', '助听环路', 'Gelung pendengaran', 'Boucle magnétique'],
  ['Parent & Baby', 'audience', 'Parent & baby', '亲子场', 'Ibu bapa & bayi', 'Séance bébé'],
  ['Seniors', 'audience', 'Seniors', '乐龄场', 'Warga emas', 'Seniors'],
  ['Kids', 'audience', 'Kids', '儿童场', 'Kanak-kanak', 'Enfants'],
  ['Members', 'audience', 'Members', '会员场', 'Ahli', 'Membres'],
  ['Premiere', 'event', 'Premiere', '首映', 'Tayangan perdana', 'Première'],
  ['Preview', 'event', 'Preview', '优先场', 'Pratonton', 'Avant-première'],
  ['Q&A', 'event', 'Q&A', '映后问答', 'Soal jawab', 'Questions-réponses'],
  ['Last chance', 'event', 'Last chance', '最后机会', 'Peluang terakhir', 'Dernière chance'],
  ['Recliners', 'amenity', 'Recliners', '躺椅', 'Kerusi rebah', 'Fauteuils inclinables'],
  ['Gold Class', 'amenity', 'Gold Class', '金牌厅', 'Gold Class', 'Salle VIP'],
];

describe('the tag vocabulary', () => {
  it.each(TABLE)('%s is a %s tag labelled in every locale', (tag, kind, en, zh, ms, fr) => {
    expect(tagKind(tag)).toBe(kind);
    expect([tagLabel(tag, 'en'), tagLabel(tag, 'zh-CN'), tagLabel(tag, 'ms'), tagLabel(tag, 'fr')]).toEqual([
      en,
      zh,
      ms,
      fr,
    ]);
  });

  it('lists exactly the tags of the table', () => {
    expect(KNOWN_TAGS.map((t) => t.tag).sort()).toEqual(TABLE.map((r) => r[0]).sort());
  });

  it('falls back from a regional locale to its table locale, and from an unknown one to English', () => {
    expect(tagLabel('AD', 'zh-SG')).toBe('口述影像');
    expect(tagLabel('AD', 'fr-CA')).toBe('Audiodescription');
    expect(tagLabel('AD', 'ms-MY')).toBe('Huraian audio');
    expect(tagLabel('AD', 'en-GB')).toBe('Audio described');
    expect(tagLabel('AD', 'ta')).toBe('Audio described');
  });

  it.each([
    ['imax', 'IMAX'],
    ['  IMAX  ', 'IMAX'],
    ['Imax 3d', 'IMAX 3D'],
    ['audio described', 'AD'],
    ['Audio-Described', 'AD'],
    ['audio description', 'AD'],
    ['q and a', 'Q&A'],
    ['Q & A', 'Q&A'],
    ['parent and baby', 'Parent & Baby'],
    ['Sensory-friendly', 'Relaxed'],
    ['sensory friendly', 'Relaxed'],
    ['subtitles for the hard of hearing', 'Open captions'],
    ['SDH', 'Open captions'],
    ['closed captions', 'CC'],
    ['4-DX', '4DX'],
    ['Screen X', 'ScreenX'],
    ['VIP', 'Gold Class'],
    ['Gold Class / VIP', 'Gold Class'],
    ['wheelchair spaces', 'Wheelchair'],
    ['induction loop', 'Hearing loop'],
    ['subtitled', 'Subtitled'],
    ['DUBBED', 'Dubbed'],
    ['last chance to see', 'Last chance'],
    ['Ｉｍａｘ', 'IMAX'],
  ])('matches "%s" as %s', (raw, canonical) => {
    expect(canonicalTag(raw)).toBe(canonical);
    expect(tagLabel(raw, 'en')).toBe(tagLabel(canonical, 'en'));
  });

  it('keeps an unknown tag as given, with no kind, shown as given in every locale', () => {
    for (const raw of ['Family', 'Sing-along', 'Director’s cut', 'Marathon 3']) {
      expect(findTag(raw)).toBeUndefined();
      expect(tagKind(raw)).toBeUndefined();
      expect(canonicalTag(raw)).toBe(raw);
      for (const locale of ['en', 'zh-CN', 'ms', 'fr']) expect(tagLabel(raw, locale)).toBe(raw);
    }
  });

  it('canonicalizes lists, each tag once, keeping the first spelling of an unknown one', () => {
    expect(canonicalTags(['imax', 'Laser', 'IMAX', 'family', 'Family', 'audio described'])).toEqual([
      'IMAX',
      'Laser',
      'family',
      'AD',
    ]);
  });

  it('tells screening tags from film descriptors', () => {
    for (const t of ['IMAX', '3D', 'Dolby Atmos', 'AD', 'Wheelchair', 'Recliners', 'Subtitled'])
      expect(isScreeningTag(t), t).toBe(true);
    for (const t of ['Premiere', 'Kids', 'Q&A', 'Family', 'Anything'])
      expect(isScreeningTag(t), t).toBe(false);
  });

  it('labels venue tags per locale, falling back to their language and then the tag', () => {
    const venue = VenueTags.parse([
      { tag: 'Ladies Night', labels: { 'zh-CN': '女士之夜', fr: 'Soirée filles' } },
      { tag: 'Laser Tag Club', kind: 'format' },
    ]);
    expect(tagLabel('ladies night', 'zh-CN', venue)).toBe('女士之夜');
    expect(tagLabel('Ladies Night', 'fr-FR', venue)).toBe('Soirée filles');
    expect(tagLabel('Ladies Night', 'ms', venue)).toBe('Ladies Night');
    expect(tagKind('ladies night', venue)).toBe('event');
    expect(canonicalTag('LADIES NIGHT', venue)).toBe('Ladies Night');
    expect(isScreeningTag('Laser Tag Club', venue)).toBe(true);
  });

  it('refuses a venue tag that is a known tag or listed twice', () => {
    const known = VenueTags.safeParse([{ tag: 'imax' }]);
    expect(known.error?.issues[0]).toMatchObject({
      path: [0, 'tag'],
      message: '"imax" is Marquee\'s own tag "IMAX"; pick another name',
    });
    const twice = VenueTags.safeParse([{ tag: 'Club' }, { tag: 'club' }]);
    expect(twice.error?.issues[0]).toMatchObject({ path: [1, 'tag'], message: '"club" is listed twice' });
  });
});
