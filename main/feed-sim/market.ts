import type { Announcement } from '../domain/records.ts';

/*
 * The box office's habits, as data and small pure functions: how busy a show
 * is as its start nears, how big a party is, and the promotions it runs.
 */

/** Party sizes at a box office: mostly couples, then singles, families, groups. */
export const PARTY: readonly [size: number, weight: number][] = [
  [1, 24],
  [2, 44],
  [3, 10],
  [4, 13],
  [5, 5],
  [6, 4],
];

export const PROMOS: readonly Omit<Announcement, 'source'>[] = [
  {
    id: 'promo-combo',
    text: 'Large popcorn + 2 drinks: $12 before 6 pm.',
    texts: { 'zh-CN': '下午六点前：大份爆米花加两杯饮料仅需 12 元。' },
    priority: 1,
  },
  {
    id: 'promo-imax',
    text: 'Upgrade to IMAX for $4 at the box office.',
    texts: { 'zh-CN': '售票处加 4 元即可升级 IMAX。' },
    priority: 1,
  },
  {
    id: 'promo-app',
    text: 'Skip the queue: book in the Marquee app.',
    texts: { 'zh-CN': '使用 Marquee 应用订票，免排队。' },
    priority: 0,
  },
  {
    id: 'promo-birthday',
    text: 'Birthday? Free small popcorn with your ticket today.',
    texts: { 'zh-CN': '生日当天凭票送小份爆米花。' },
    priority: 0,
  },
];

/** The urgent notice the simulated venue posts now and then (always with its end). */
export const ALARM_TEST: Omit<Announcement, 'source'> = {
  id: 'urgent-alarm-test',
  text: 'Fire alarm test in progress: there is no need to leave.',
  texts: { 'zh-CN': '火警测试进行中，无需离开。' },
  priority: 100,
  urgent: true,
};

/**
 * How busy a show is `minutes` before it starts: a steady trickle days ahead,
 * more on its own day, a rush in the last hour, and latecomers just after.
 */
export function demand(minutes: number): number {
  if (minutes < 0) return 1.5;
  return 0.05 + 6 * Math.exp(-minutes / 40) + (minutes < 240 ? 0.3 : 0);
}

/** Picks an item with probability proportional to its weight; undefined when none can be picked. */
export function weighted<T>(
  random: () => number,
  items: readonly T[],
  weights: readonly number[],
): T | undefined {
  const total = weights.reduce((a, b) => a + b, 0);
  if (!(total > 0)) return undefined;
  let r = random() * total;
  for (let i = 0; i < items.length; i++) {
    r -= weights[i]!;
    if (r < 0) return items[i];
  }
  return items.at(-1);
}

/** A party size, drawn from `PARTY`. */
export function partySize(random: () => number): number {
  return weighted(random, PARTY, PARTY_WEIGHTS)![0];
}

const PARTY_WEIGHTS = PARTY.map(([, w]) => w);
