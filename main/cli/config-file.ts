import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import { LineCounter, isMap, isScalar, parseDocument } from 'yaml';
import { z } from 'zod';
import { CommandError } from './flags.ts';

type FlagOptions = NonNullable<ParseArgsConfig['options']>;

/** Values read from a config file, in the form `parseArgs` gives flags, and where each came from. */
export interface ConfigValues {
  readonly values: Record<string, string | boolean | string[]>;
  /** `FILE:LINE` of each key, for messages about its value. */
  readonly origins: ReadonlyMap<string, string>;
}

const text = z.union([z.string(), z.number().transform(String)], { error: 'must be text or a number' });
const flag = z.boolean({ error: 'must be true or false' });
const list = z.union([text.transform((v) => [v]), z.array(text, { error: 'must be a list of text' })], {
  error: 'must be text or a list of text',
});

/** The file's schema, one key per flag: a flag added to `options` has its key with no more work. */
function schemaOf(options: FlagOptions): Record<string, z.ZodType<string | boolean | string[]>> {
  return Object.fromEntries(
    Object.entries(options).map(([key, o]) => [key, o.type === 'boolean' ? flag : o.multiple ? list : text]),
  );
}

/**
 * Reads a YAML config file whose keys are the command's flag names
 * (`port: 4747`, `allow-host: [a, b]`). Every problem is one `CommandError`
 * naming the file, the line and the key. Values of `pathKeys` that are
 * relative are resolved against the file's folder, so a file and the
 * secrets beside it can move together.
 */
export function readConfigFile(
  file: string,
  options: FlagOptions,
  pathKeys: ReadonlySet<string> = new Set(),
): ConfigValues {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CommandError(`cannot read the config file ${file} (${(err as NodeJS.ErrnoException).code})`);
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number | undefined) =>
    `${file}:${offset === undefined ? 1 : lineCounter.linePos(offset).line}`;
  const syntax = doc.errors[0];
  if (syntax) throw new CommandError(`${at(syntax.pos[0])}: ${syntax.message.split('\n')[0]}`);
  if (doc.contents === null) return { values: {}, origins: new Map() };
  if (!isMap(doc.contents))
    throw new CommandError(`${at(doc.contents.range?.[0])}: must be a map of flag: value`);

  const schema = schemaOf(options);
  const plain = doc.toJS() as Record<string, unknown>;
  const values: Record<string, string | boolean | string[]> = {};
  const origins = new Map<string, string>();
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? pair.key.value : undefined;
    const where = at(isScalar(pair.key) ? pair.key.range?.[0] : undefined);
    if (typeof key !== 'string') throw new CommandError(`${where}: a key must be a flag name`);
    const check = key === 'config' ? undefined : schema[key];
    if (!check) throw new CommandError(`${where}: unknown key "${key}" (the keys are the flag names)`);
    const parsed = check.safeParse(plain[key] ?? null);
    if (!parsed.success) throw new CommandError(`${where}: ${key}: ${parsed.error.issues[0]!.message}`);
    const value = parsed.data;
    values[key] = pathKeys.has(key) && typeof value === 'string' ? resolve(dirname(file), value) : value;
    origins.set(key, where);
  }
  return { values, origins };
}

/**
 * Fills each flag not given on the command line from the file: flags win,
 * and a repeatable flag given on the command line replaces the file's list.
 * Returns where the values taken from the file came from.
 */
export function mergeConfig(flags: Record<string, unknown>, config: ConfigValues): Map<string, string> {
  const taken = new Map<string, string>();
  for (const [key, value] of Object.entries(config.values)) {
    if (flags[key] !== undefined) continue;
    flags[key] = value;
    taken.set(key, config.origins.get(key)!);
  }
  return taken;
}
