import { z } from 'zod';
import { type Words, tableLocale } from './locales.ts';
import { LocalizedTexts, Tag } from './primitives.ts';

/**
 * The cinema's vocabulary. A tag travels as its canonical English label
 * ("IMAX", "AD"); anything else a person or a feed writes for it ("imax",
 * "Audio described") is matched case-insensitively through the aliases. A tag
 * nobody defined is kept and shown as given.
 *
 * Kinds say where a tag may sit: `format`, `audio` and `accessibility` (and a
 * room's `amenity`) describe a screening, so they belong to showtimes and
 * auditorium features, never to a film; `audience` and `event` may describe a
 * film or a show.
 */
export const TagKind = z.enum(['format', 'audio', 'accessibility', 'audience', 'event', 'amenity']);
export type TagKind = z.infer<typeof TagKind>;

export interface KnownTag {
  /** The canonical label, as it travels. */
  readonly tag: string;
  readonly kind: TagKind;
  readonly labels: Words;
  /** Other ways of writing it, matched like the tag itself (case, spacing, `&`/`and`, dashes). */
  readonly aliases: readonly string[];
}

const same = (label: string): Words => ({ en: label, 'zh-CN': label, ms: label, fr: label });
const known = (tag: string, kind: TagKind, labels: Words, aliases: readonly string[] = []): KnownTag => ({
  tag,
  kind,
  labels,
  aliases,
});

export const KNOWN_TAGS: readonly KnownTag[] = [
  known('2D', 'format', same('2D')),
  known('3D', 'format', same('3D'), ['RealD 3D', 'Real D']),
  known('IMAX', 'format', same('IMAX'), ['IMAX 2D', 'IMAX Laser']),
  known('IMAX 3D', 'format', same('IMAX 3D')),
  known('HFR', 'format', { en: 'HFR', 'zh-CN': '高帧率', ms: 'HFR', fr: 'HFR' }, [
    'High Frame Rate',
    '48fps',
  ]),
  known('Dolby Cinema', 'format', {
    en: 'Dolby Cinema',
    'zh-CN': '杜比影院',
    ms: 'Dolby Cinema',
    fr: 'Dolby Cinema',
  }),
  known('4DX', 'format', same('4DX'), ['4-DX', '4D']),
  known('ScreenX', 'format', same('ScreenX'), ['Screen X']),
  known('Laser', 'format', { en: 'Laser', 'zh-CN': '激光', ms: 'Laser', fr: 'Laser' }, ['Laser projection']),
  known(
    'Dolby Atmos',
    'audio',
    { en: 'Dolby Atmos', 'zh-CN': '杜比全景声', ms: 'Dolby Atmos', fr: 'Dolby Atmos' },
    ['Atmos'],
  ),
  known('Subtitled', 'audio', { en: 'Subtitled', 'zh-CN': '有字幕', ms: 'Bersari kata', fr: 'Sous-titré' }, [
    'Subtitles',
    'Subs',
    'VOST',
    'VOSTFR',
  ]),
  known('Dubbed', 'audio', { en: 'Dubbed', 'zh-CN': '配音版', ms: 'Alih suara', fr: 'Doublé' }, [
    'Dub',
    'VF',
  ]),
  known(
    'AD',
    'accessibility',
    { en: 'Audio described', 'zh-CN': '口述影像', ms: 'Huraian audio', fr: 'Audiodescription' },
    ['Audio description', 'Audio described', 'Audio-described', 'Described video', 'DV'],
  ),
  known(
    'CC',
    'accessibility',
    { en: 'Closed captions', 'zh-CN': '隐藏式字幕', ms: 'Kapsyen tertutup', fr: 'Sous-titrage codé' },
    ['Closed captions', 'Closed captioning', 'Closed caption'],
  ),
  known(
    'Open captions',
    'accessibility',
    { en: 'Open captions', 'zh-CN': '开放式字幕', ms: 'Kapsyen terbuka', fr: 'Sous-titres SME' },
    [
      'OC',
      'Open caption',
      'Captioned',
      'SDH',
      'Subtitles for the hard of hearing',
      'HOH',
      'ST-SME',
      'SME',
      'Sous-titré SME',
    ],
  ),
  known(
    'Relaxed',
    'accessibility',
    { en: 'Relaxed screening', 'zh-CN': '轻松观影场', ms: 'Tayangan santai', fr: 'Séance relax' },
    ['Relaxed screening', 'Relaxed performance', 'Sensory-friendly', 'Sensory friendly', 'Autism-friendly'],
  ),
  known(
    'Wheelchair',
    'accessibility',
    {
      en: 'Wheelchair spaces',
      'zh-CN': '轮椅位',
      ms: 'Ruang kerusi roda',
      fr: 'Places PMR',
    },
    ['Wheelchair spaces', 'Wheelchair access', 'Wheelchair accessible', 'PMR'],
  ),
  known(
    'Hearing loop',
    'accessibility',
    {
      en: 'Hearing loop',
      'zh-CN': '助听环路',
      ms: 'Gelung pendengaran',
      fr: 'Boucle magnétique',
    },
    ['Induction loop', 'Assistive listening'],
  ),
  known(
    'Parent & Baby',
    'audience',
    { en: 'Parent & baby', 'zh-CN': '亲子场', ms: 'Ibu bapa & bayi', fr: 'Séance bébé' },
    ['Parent and baby', 'Parents & babies', 'Parent & child', 'Crying babies', 'Baby club'],
  ),
  known('Seniors', 'audience', { en: 'Seniors', 'zh-CN': '乐龄场', ms: 'Warga emas', fr: 'Seniors' }, [
    'Senior',
    'Senior citizens',
    'Silver screen',
  ]),
  known('Kids', 'audience', { en: 'Kids', 'zh-CN': '儿童场', ms: 'Kanak-kanak', fr: 'Enfants' }, [
    'Kids club',
    'Children',
  ]),
  known('Members', 'audience', { en: 'Members', 'zh-CN': '会员场', ms: 'Ahli', fr: 'Membres' }, [
    'Member',
    'Members only',
    "Members' screening",
  ]),
  known('Premiere', 'event', { en: 'Premiere', 'zh-CN': '首映', ms: 'Tayangan perdana', fr: 'Première' }, [
    'Première',
    'Gala premiere',
  ]),
  known('Preview', 'event', { en: 'Preview', 'zh-CN': '优先场', ms: 'Pratonton', fr: 'Avant-première' }, [
    'Sneak preview',
    'Previews',
    'Early access',
    'Avant-première',
  ]),
  known('Q&A', 'event', { en: 'Q&A', 'zh-CN': '映后问答', ms: 'Soal jawab', fr: 'Questions-réponses' }, [
    'QA',
    'Q and A',
    'Questions and answers',
  ]),
  known(
    'Last chance',
    'event',
    { en: 'Last chance', 'zh-CN': '最后机会', ms: 'Peluang terakhir', fr: 'Dernière chance' },
    ['Last chance to see', 'Final week', 'Final showing'],
  ),
  known(
    'Recliners',
    'amenity',
    { en: 'Recliners', 'zh-CN': '躺椅', ms: 'Kerusi rebah', fr: 'Fauteuils inclinables' },
    ['Recliner', 'Recliner seats', 'Reclining seats'],
  ),
  known('Gold Class', 'amenity', { en: 'Gold Class', 'zh-CN': '金牌厅', ms: 'Gold Class', fr: 'Salle VIP' }, [
    'Gold Class / VIP',
    'VIP',
  ]),
];

/** A venue's own tag, with its labels per locale (any it lacks fall back to `tag`). */
export const VenueTag = z.strictObject({
  tag: Tag,
  /** Where it may sit, as for known tags. Default `event`. */
  kind: TagKind.default('event'),
  labels: LocalizedTexts(32).default({}),
});
export type VenueTag = z.infer<typeof VenueTag>;

/** Venue tags, refusing one that is a known tag already or listed twice. */
export const VenueTags = z
  .array(VenueTag)
  .max(64, 'at most 64 venue tags')
  .default([])
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((t, i) => {
      const key = tagKey(t.tag);
      const clash = lookup(key);
      if (clash) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'tag'],
          message: `"${t.tag}" is Marquee's own tag "${clash.tag}"; pick another name`,
        });
      } else if (seen.has(key)) {
        ctx.addIssue({ code: 'custom', path: [i, 'tag'], message: `"${t.tag}" is listed twice` });
      }
      seen.add(key);
    });
  });

/**
 * The form a tag is matched in: Unicode-normalized, lower case, `&` read as
 * "and", dashes, dots, slashes and underscores as spaces, spaces collapsed.
 */
export function tagKey(raw: string): string {
  return raw
    .normalize('NFKC')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[-_./]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const BY_KEY: ReadonlyMap<string, KnownTag> = (() => {
  const map = new Map<string, KnownTag>();
  for (const t of KNOWN_TAGS) {
    for (const name of [t.tag, ...t.aliases]) {
      const key = tagKey(name);
      const held = map.get(key);
      if (held && held !== t) throw new Error(`tag alias "${name}" is claimed by ${held.tag} and ${t.tag}`);
      map.set(key, t);
    }
  }
  return map;
})();

const lookup = (key: string): KnownTag | undefined => BY_KEY.get(key);

/** What a tag is: a known tag, a venue tag, or `undefined` for one nobody defined. */
export function findTag(
  raw: string,
  venueTags: readonly VenueTag[] = [],
): { tag: string; kind: TagKind; labels: Partial<Record<string, string>> } | undefined {
  const key = tagKey(raw);
  const hit = lookup(key);
  if (hit) return hit;
  const own = venueTags.find((t) => tagKey(t.tag) === key);
  return own && { tag: own.tag, kind: own.kind, labels: own.labels };
}

/** The canonical spelling of `raw`, or `raw` trimmed when the tag is unknown. */
export function canonicalTag(raw: string, venueTags: readonly VenueTag[] = []): string {
  return findTag(raw, venueTags)?.tag ?? raw.trim();
}

/** Tags in canonical spelling, each once (the first spelling of an unknown tag wins). */
export function canonicalTags(list: readonly string[], venueTags: readonly VenueTag[] = []): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const raw of list) {
    const tag = canonicalTag(raw, venueTags);
    const key = tagKey(tag);
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(tag);
  }
  return out;
}

/** The tag's kind; `undefined` for a tag nobody defined (a descriptor such as "Family"). */
export function tagKind(raw: string, venueTags: readonly VenueTag[] = []): TagKind | undefined {
  return findTag(raw, venueTags)?.kind;
}

/** Kinds that describe how a show is presented, never what a film is. */
const SCREENING_KINDS: ReadonlySet<TagKind> = new Set(['format', 'audio', 'accessibility', 'amenity']);

/** True for a tag that belongs to a screening (a format, sound, access or room tag), not to a film. */
export function isScreeningTag(raw: string, venueTags: readonly VenueTag[] = []): boolean {
  const kind = tagKind(raw, venueTags);
  return kind !== undefined && SCREENING_KINDS.has(kind);
}

/**
 * The label to show for `raw` in `locale`: a known tag's word for it, a venue
 * tag's own label (exact locale, then its language, else the tag), or an
 * unknown tag exactly as given.
 */
export function tagLabel(raw: string, locale: string, venueTags: readonly VenueTag[] = []): string {
  const hit = lookup(tagKey(raw));
  if (hit) return hit.labels[tableLocale(locale)];
  const own = venueTags.find((t) => tagKey(t.tag) === tagKey(raw));
  if (!own) return raw;
  const language = locale.split('-')[0] ?? locale;
  return own.labels[locale] ?? own.labels[language] ?? own.tag;
}
