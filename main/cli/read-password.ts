import { CommandError } from './flags.ts';

/** What a password is read from: standard input, a terminal or a pipe. */
export interface Input extends NodeJS.ReadableStream {
  isTTY?: boolean;
  setRawMode?: (raw: boolean) => unknown;
}

/** Piped input longer than this is not a password (a file sent by mistake). */
const MAX_PIPED = 4096;

/**
 * A new password from standard input: asked for twice, unechoed, at a
 * terminal; the first line of what is piped in otherwise.
 */
export async function readPassword(input: Input, prompt: (text: string) => void): Promise<string> {
  if (!input.isTTY || !input.setRawMode) return firstLine(input);
  const first = await askHidden(input, prompt, 'New password: ');
  const again = await askHidden(input, prompt, 'The same again: ');
  if (first !== again) throw new CommandError('the two passwords differ; nothing changed');
  return first;
}

async function firstLine(input: Input): Promise<string> {
  let text = '';
  for await (const chunk of input) {
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    if (text.length > MAX_PIPED) throw new CommandError('standard input is too long for a password');
    if (/\r?\n/.test(text)) break;
  }
  const line = text.split(/\r?\n/, 1)[0] ?? '';
  if (line === '') {
    throw new CommandError('no new password: set MARQUEE_ADMIN_PASSWORD or send it on standard input');
  }
  return line;
}

function askHidden(input: Input, prompt: (text: string) => void, question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    prompt(question);
    let value: string[] = [];
    const finish = (fn: () => void) => {
      input.off('data', onData);
      input.setRawMode?.(false);
      input.pause();
      prompt('\n');
      fn();
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of String(chunk)) {
        if (ch === '\r' || ch === '\n') return finish(() => resolve(value.join('')));
        if (ch === '\u0003' || ch === '\u0004') {
          return finish(() => reject(new CommandError('cancelled; nothing changed')));
        }
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value.push(ch);
      }
    };
    input.setRawMode?.(true);
    input.setEncoding('utf8');
    input.on('data', onData);
    input.resume();
  });
}
