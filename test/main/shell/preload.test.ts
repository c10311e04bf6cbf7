import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Script, createContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../../main/paths.ts';
import { displayArgument } from '../../../main/shell/kiosk-display.ts';

// The built preload (dist/main/shell/preload.cjs), run the way Electron's
// sandbox runs it: a plain script with `require` knowing only `electron`,
// `process.argv` carrying the renderer's switches, and no Node globals.

const PRELOAD = join(packageRoot(), 'dist', 'main', 'shell', 'preload.cjs');
let source: string;

function runPreload(argv: string[]) {
  const exposed: Record<string, unknown> = {};
  const required: string[] = [];
  const context = createContext({
    process: { argv },
    require: (name: string) => {
      required.push(name);
      if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
      return {
        contextBridge: {
          exposeInMainWorld: (key: string, api: unknown) => {
            exposed[key] = api;
          },
        },
      };
    },
  });
  new Script(source, { filename: 'preload.cjs' }).runInContext(context);
  return { exposed, required };
}

describe('the built preload', () => {
  beforeAll(() => {
    if (!existsSync(PRELOAD))
      throw new Error('dist/main/shell/preload.cjs is missing; run `npm run build:main`');
    source = readFileSync(PRELOAD, 'utf8');
  });

  it('is one CommonJS script that needs nothing but electron', () => {
    expect(source).not.toMatch(/^\s*(import|export)\s/m);
    const { required } = runPreload([]);
    expect(required).toEqual(['electron']);
  });

  it('exposes exactly window.marquee.display, frozen', () => {
    const door = { id: '2528732444', role: 'door' as const, auditoriumId: 'aud-3' };
    const { exposed } = runPreload(['/opt/Marquee/marquee', '--type=renderer', displayArgument(door)]);
    expect(Object.keys(exposed)).toEqual(['marquee']);
    const bridge = exposed['marquee'] as { display: unknown };
    expect(bridge).toEqual({ display: door });
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(Object.isFrozen(bridge.display)).toBe(true);
  });

  it('exposes nothing to a window that is not a lobby screen or whose switch is forged', () => {
    expect(runPreload(['--type=renderer']).exposed).toEqual({});
    expect(runPreload(['--marquee-display=%7B%22id%22%3A%22..%2F%22%7D']).exposed).toEqual({});
  });
});
