import type { Auditorium, Film } from '../domain/records.ts';

/** A 12-screen multiplex, one premium large format and two premium screens. */
export const DEMO_AUDITORIUMS: readonly Omit<Auditorium, 'source'>[] = [
  { id: 'aud-1', name: 'IMAX', capacity: 420 },
  { id: 'aud-2', name: 'Dolby Cinema', capacity: 280 },
  { id: 'aud-3', name: 'Screen 3', capacity: 240 },
  { id: 'aud-4', name: 'Screen 4', capacity: 210 },
  { id: 'aud-5', name: 'Screen 5', capacity: 180 },
  { id: 'aud-6', name: 'Screen 6', capacity: 180 },
  { id: 'aud-7', name: 'Screen 7', capacity: 150 },
  { id: 'aud-8', name: 'Screen 8', capacity: 150 },
  { id: 'aud-9', name: 'Screen 9', capacity: 120 },
  { id: 'aud-10', name: 'Screen 10', capacity: 96 },
  { id: 'aud-11', name: 'Gold Class 1', capacity: 40 },
  { id: 'aud-12', name: 'Gold Class 2', capacity: 40 },
];

/** Demo films: invented titles, so nothing here belongs to anyone. `weight` is popularity. */
export interface DemoFilm extends Omit<Film, 'source' | 'posterUrl' | 'tags'> {
  tags: string[];
  weight: number;
  palette: readonly [string, string, string];
}

export const DEMO_FILMS: readonly DemoFilm[] = [
  { id: 'film-tidewater', title: 'Tidewater', titles: { 'zh-CN': '潮汐之城' }, rating: 'PG13', runtimeMinutes: 128, tags: ['IMAX', 'Laser'], weight: 10, palette: ['#0b3954', '#087e8b', '#bfd7ea'] },
  { id: 'film-last-lantern', title: 'The Last Lantern', titles: { 'zh-CN': '最后的灯笼' }, rating: 'PG', runtimeMinutes: 104, tags: ['Family'], weight: 8, palette: ['#3d1c02', '#e07a1f', '#ffd166'] },
  { id: 'film-orbit-nine', title: 'Orbit Nine', titles: { 'zh-CN': '第九轨道' }, rating: 'PG13', runtimeMinutes: 141, tags: ['Dolby Atmos', '3D'], weight: 9, palette: ['#10002b', '#5a189a', '#e0aaff'] },
  { id: 'film-paper-tigers', title: 'Paper Tigers', titles: { 'zh-CN': '纸老虎' }, rating: 'NC16', runtimeMinutes: 112, tags: [], weight: 6, palette: ['#2b2d42', '#ef233c', '#edf2f4'] },
  { id: 'film-salt-and-honey', title: 'Salt & Honey', titles: { 'zh-CN': '盐与蜜' }, rating: 'PG', runtimeMinutes: 97, tags: [], weight: 4, palette: ['#5f0f40', '#fb8b24', '#f3dfc1'] },
  { id: 'film-nightshift', title: 'Nightshift', titles: { 'zh-CN': '夜班' }, rating: 'M18', runtimeMinutes: 118, tags: [], weight: 5, palette: ['#03071e', '#370617', '#dc2f02'] },
  { id: 'film-kite-runner-kids', title: 'Kite Kids', titles: { 'zh-CN': '风筝小队' }, rating: 'G', runtimeMinutes: 89, tags: ['Family', 'Dubbed'], weight: 7, palette: ['#023e8a', '#48cae4', '#fff3b0'] },
  { id: 'film-quiet-harbour', title: 'Quiet Harbour', titles: { 'zh-CN': '静港' }, rating: 'PG13', runtimeMinutes: 123, tags: ['Subtitled'], weight: 3, palette: ['#1b263b', '#415a77', '#e0e1dd'] },
  { id: 'film-ironwood', title: 'Ironwood', titles: { 'zh-CN': '铁木' }, rating: 'NC16', runtimeMinutes: 135, tags: ['Dolby Atmos'], weight: 7, palette: ['#1e1e24', '#92140c', '#fff8f0'] },
  { id: 'film-monsoon-wedding-two', title: 'Monsoon Season', titles: { 'zh-CN': '雨季' }, rating: 'PG', runtimeMinutes: 116, tags: [], weight: 4, palette: ['#004b23', '#38b000', '#ccff33'] },
  { id: 'film-glass-garden', title: 'The Glass Garden', titles: { 'zh-CN': '玻璃花园' }, rating: 'PG13', runtimeMinutes: 109, tags: [], weight: 5, palette: ['#22223b', '#9a8c98', '#f2e9e4'] },
  { id: 'film-red-line', title: 'Red Line Express', titles: { 'zh-CN': '红线快车' }, rating: 'NC16', runtimeMinutes: 99, tags: [], weight: 6, palette: ['#540b0e', '#9e2a2b', '#fff3b0'] },
  { id: 'film-little-comet', title: 'Little Comet', titles: { 'zh-CN': '小彗星' }, rating: 'G', runtimeMinutes: 84, tags: ['Family', '3D'], weight: 6, palette: ['#14213d', '#fca311', '#e5e5e5'] },
  { id: 'film-after-the-rain', title: 'After the Rain', titles: { 'zh-CN': '雨后' }, rating: 'PG', runtimeMinutes: 101, tags: ['Subtitled'], weight: 2, palette: ['#335c67', '#9e2a2b', '#fff3b0'] },
  { id: 'film-sundown-circus', title: 'Sundown Circus', titles: { 'zh-CN': '日落马戏团' }, rating: 'PG', runtimeMinutes: 107, tags: [], weight: 3, palette: ['#6a040f', '#f48c06', '#ffba08'] },
  { id: 'film-deep-signal', title: 'Deep Signal', titles: { 'zh-CN': '深海信号' }, rating: 'PG13', runtimeMinutes: 126, tags: ['IMAX'], weight: 8, palette: ['#001219', '#005f73', '#94d2bd'] },
  { id: 'film-the-understudy', title: 'The Understudy', titles: { 'zh-CN': '替身演员' }, rating: 'NC16', runtimeMinutes: 114, tags: [], weight: 3, palette: ['#2d00f7', '#8900f2', '#f20089'] },
  { id: 'film-wild-orchid', title: 'Wild Orchid', titles: { 'zh-CN': '野兰花' }, rating: 'PG13', runtimeMinutes: 119, tags: ['Subtitled'], weight: 2, palette: ['#3c096c', '#c77dff', '#f7ebff'] },
  { id: 'film-granite-peak', title: 'Granite Peak', titles: { 'zh-CN': '花岗峰' }, rating: 'PG', runtimeMinutes: 131, tags: ['Laser'], weight: 5, palette: ['#283618', '#606c38', '#fefae0'] },
  { id: 'film-midnight-matinee', title: 'Midnight Matinee', titles: { 'zh-CN': '午夜场' }, rating: 'R21', runtimeMinutes: 95, tags: [], weight: 2, palette: ['#000000', '#14213d', '#fca311'] },
];

export const DEMO_ANNOUNCEMENTS = [
  { id: 'ann-welcome', text: 'Welcome to Marquee Harbourfront — enjoy the show!', texts: { 'zh-CN': '欢迎光临 Marquee 海港影城，祝您观影愉快！' }, priority: 0 },
  { id: 'ann-members', text: 'Members save 20% on popcorn combos every Tuesday.', texts: { 'zh-CN': '会员每周二爆米花套餐八折。' }, priority: 1 },
  { id: 'ann-phones', text: 'Please silence your phone before the feature begins.', texts: { 'zh-CN': '正片开始前请将手机调至静音。' }, priority: 2 },
] as const;
