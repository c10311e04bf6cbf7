import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, parseSettings, veeziOptions } from '../../../main/shell/settings.ts';

/** The kiosk's settings file takes the same Veezi fields as `serve --veezi`. */
describe('kiosk settings: veezi', () => {
  it('follows no Veezi site by default', () => {
    expect(DEFAULT_SETTINGS.veezi).toBeNull();
  });

  it('takes the URL, a token or a token file, and the poll interval (default 30 s)', () => {
    const { settings, warnings } = parseSettings(
      JSON.stringify({ veezi: { url: 'https://api.oz.veezi.com', tokenFile: '/etc/marquee/veezi-token' } }),
    );
    expect(warnings).toEqual([]);
    expect(settings.veezi).toEqual({
      url: 'https://api.oz.veezi.com',
      tokenFile: '/etc/marquee/veezi-token',
      pollSeconds: 30,
    });
    expect(veeziOptions(settings.veezi!)).toEqual({
      url: 'https://api.oz.veezi.com',
      tokenFile: '/etc/marquee/veezi-token',
      pollMs: 30_000,
    });
    const withToken = parseSettings(
      JSON.stringify({ veezi: { url: 'http://127.0.0.1:7002', token: 'veezi-sim', pollSeconds: 5 } }),
    ).settings.veezi!;
    expect(veeziOptions(withToken)).toEqual({
      url: 'http://127.0.0.1:7002',
      token: 'veezi-sim',
      pollMs: 5_000,
    });
  });

  it.each([
    [{ url: 'https://api.oz.veezi.com' }, /veezi.token: needs token or tokenFile/],
    [{ url: 'https://api.oz.veezi.com', token: 't', pollSeconds: 4 }, /veezi.pollSeconds/],
    [{ url: 'file:///etc/passwd', token: 't' }, /veezi.url/],
  ])('drops a bad section %j to its default, with a warning', (veezi, warning) => {
    const { settings, warnings } = parseSettings(JSON.stringify({ veezi, demo: true }));
    expect(settings.veezi).toBeNull();
    expect(settings.demo).toBe(true);
    expect(warnings.join('\n')).toMatch(warning);
  });

  it('follows one upstream source: with a feed set too, Veezi is left out and said so', () => {
    const { settings, warnings } = parseSettings(
      JSON.stringify({
        upstream: { url: 'https://hq.example/feed' },
        veezi: { url: 'https://api.oz.veezi.com', token: 't' },
      }),
    );
    expect(settings.upstream).toEqual({ url: 'https://hq.example/feed' });
    expect(settings.veezi).toBeNull();
    expect(warnings).toEqual([expect.stringMatching(/^veezi: ignored: upstream is set too/) as string]);
  });
});
