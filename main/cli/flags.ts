import { isIP } from 'node:net';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { z } from 'zod';

/** Flag values arrive as strings; these turn them into checked numbers. */
export const intFlag = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

export const portFlag = intFlag(0, 65_535);

/** A decimal number within [min, max]. */
export const numberFlag = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+(\.\d+)?$/, 'must be a number')
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

/** An address to bind: an IP address or `localhost`. */
export const hostFlag = z
  .string()
  .refine((h) => isIP(h) !== 0 || h === 'localhost', 'must be an IP address or localhost');

export const httpUrlFlag = z.url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL' });

/** Thrown for a bad command line; the CLI prints it with the usage and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A command that could not do its job; the CLI prints the message as one line and exits 1. */
export class CommandError extends Error {
  override name = 'CommandError';
}

/** One line per problem: `--flag: …`, or `FILE:LINE: key: …` for a value from a config file. */
export function flagProblems(error: z.ZodError, origins: ReadonlyMap<string, string> = new Map()): string {
  return error.issues
    .map((i) => {
      const key = i.path.join('.') || '?';
      const origin = origins.get(String(i.path[0]));
      return origin ? `${origin}: ${key}: ${i.message}` : `--${key}: ${i.message}`;
    })
    .join('\n');
}

/**
 * A command line read strictly with `options` and checked with `schema`;
 * every problem is a `UsageError`, or a `CommandError` when a value from a
 * config file is wrong. `prepare` may fill values from a config file or the
 * environment before the check, returning where file values came from.
 */
export function parseFlags<S extends z.ZodType>(
  schema: S,
  args: string[],
  options: NonNullable<ParseArgsConfig['options']>,
  prepare: (values: Record<string, unknown>) => ReadonlyMap<string, string> | void = () => {},
): z.output<S> {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({ args, strict: true, options }).values;
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const origins = prepare(values) ?? new Map<string, string>();
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    const problems = flagProblems(parsed.error, origins);
    const fromFile = parsed.error.issues.some((i) => origins.has(String(i.path[0])));
    throw fromFile ? new CommandError(problems) : new UsageError(problems);
  }
  return parsed.data;
}
