import { describe, expect, it } from 'vitest';
import { detectDisplay, fromKiosk, resolveDisplay } from '../../renderer/lib/display.ts';

const env = (pathname: string, search = '', marquee?: unknown) => ({
  marquee,
  location: { pathname, search },
});

describe('resolveDisplay: pairing > kiosk settings > URL', () => {
  const cases: [string, ReturnType<typeof env>, Parameters<typeof resolveDisplay>[2], object][] = [
    [
      'the URL alone',
      env('/door/a1', '?display=door-1'),
      null,
      { id: 'door-1', role: 'door', auditoriumId: 'a1', source: 'url' },
    ],
    [
      'kiosk settings over the URL',
      env('/door/a1', '?display=x', { display: { id: 'kiosk-1', role: 'board' } }),
      undefined,
      { id: 'kiosk-1', role: 'board', source: 'kiosk' },
    ],
    [
      'pairing over the URL: a door sign becomes a departures board in French',
      env('/door/a1', '?display=door-1'),
      { name: 'Lobby', role: 'departures', lang: 'fr' },
      { id: 'door-1', role: 'board', layout: 'departures', name: 'Lobby', lang: 'fr', source: 'pairing' },
    ],
    [
      'pairing over kiosk settings, keeping the id the hub knows',
      env('/', '', { display: { id: 'kiosk-1', role: 'board' } }),
      { name: 'Door 3', role: 'door', auditoriumId: 'a3' },
      { id: 'kiosk-1', role: 'door', auditoriumId: 'a3', name: 'Door 3', source: 'pairing' },
    ],
  ];
  for (const [name, e, assigned, want] of cases) {
    it(name, () => {
      expect(resolveDisplay(detectDisplay(e), fromKiosk(e.marquee), assigned)).toEqual(want);
    });
  }
});
