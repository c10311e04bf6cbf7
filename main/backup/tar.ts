import { closeSync, fstatSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import { dirname, join, normalize, sep } from 'node:path';

/**
 * The small part of POSIX ustar a backup needs: regular files, written and
 * read in 1 MiB pieces (a large database never sits in memory whole). An
 * operator can list or unpack an archive with any `tar`.
 */
const BLOCK = 512;
const PIECE = 1024 * 1024;

function field(header: Buffer, offset: number, length: number, value: string): void {
  header.write(value, offset, length, 'utf8');
}

function octal(header: Buffer, offset: number, length: number, value: number): void {
  field(header, offset, length, value.toString(8).padStart(length - 1, '0') + '\0');
}

function headerOf(name: string, size: number, mtime: number): Buffer {
  const header = Buffer.alloc(BLOCK);
  const bytes = Buffer.byteLength(name);
  let prefix = '';
  let base = name;
  if (bytes > 100) {
    const cut = name.lastIndexOf('/', 155);
    if (cut <= 0 || Buffer.byteLength(name.slice(cut + 1)) > 100)
      throw new Error(`name too long for the archive: ${name}`);
    prefix = name.slice(0, cut);
    base = name.slice(cut + 1);
  }
  field(header, 0, 100, base);
  octal(header, 100, 8, 0o644);
  octal(header, 108, 8, 0);
  octal(header, 116, 8, 0);
  octal(header, 124, 12, size);
  octal(header, 136, 12, Math.floor(mtime / 1000));
  header.fill(' ', 148, 156);
  field(header, 156, 1, '0');
  field(header, 257, 6, 'ustar\0');
  field(header, 263, 2, '00');
  field(header, 345, 155, prefix);
  let sum = 0;
  for (const b of header) sum += b;
  field(header, 148, 8, sum.toString(8).padStart(6, '0') + '\0 ');
  return header;
}

/** Writes a tar archive to an open file descriptor. */
export class TarWriter {
  readonly #piece = Buffer.alloc(PIECE);
  constructor(private readonly fd: number) {}

  /** Adds the file at `path` as `name` (forward slashes). */
  addFile(name: string, path: string): void {
    const src = openSync(path, 'r');
    try {
      const { size, mtimeMs } = fstatSync(src);
      writeSync(this.fd, headerOf(name, size, mtimeMs));
      let done = 0;
      while (done < size) {
        const n = readSync(src, this.#piece, 0, Math.min(PIECE, size - done), done);
        if (n === 0) throw new Error(`${path} shrank while being archived`);
        writeSync(this.fd, this.#piece, 0, n);
        done += n;
      }
      const pad = (BLOCK - (size % BLOCK)) % BLOCK;
      if (pad) writeSync(this.fd, Buffer.alloc(pad));
    } finally {
      closeSync(src);
    }
  }

  addBuffer(name: string, body: Buffer, mtime = Date.now()): void {
    writeSync(this.fd, headerOf(name, body.length, mtime));
    writeSync(this.fd, body);
    const pad = (BLOCK - (body.length % BLOCK)) % BLOCK;
    if (pad) writeSync(this.fd, Buffer.alloc(pad));
  }

  /** The two zero blocks that end an archive. */
  end(): void {
    writeSync(this.fd, Buffer.alloc(BLOCK * 2));
  }
}

/** A name inside `root`, or undefined for one that would leave it (absolute, `..`). */
function inside(root: string, name: string): string | undefined {
  if (name.startsWith('/') || name.includes('\0')) return undefined;
  const path = normalize(join(root, name));
  return path.startsWith(root + sep) ? path : undefined;
}

/**
 * Unpacks the regular files of the archive at `file` into `root`; anything
 * else (links, devices) and any name that would leave `root` is refused.
 * Returns the names unpacked.
 */
export function extractTar(file: string, root: string): string[] {
  const fd = openSync(file, 'r');
  const names: string[] = [];
  const header = Buffer.alloc(BLOCK);
  const piece = Buffer.alloc(PIECE);
  try {
    let at = 0;
    for (;;) {
      if (readSync(fd, header, 0, BLOCK, at) < BLOCK) throw new Error('the archive ends early');
      at += BLOCK;
      if (header.every((b) => b === 0)) return names;
      const text = (o: number, l: number) => header.toString('utf8', o, o + l).replace(/\0[\s\S]*$/, '');
      const size = parseInt(text(124, 12).trim() || '0', 8);
      const type = text(156, 1) || '0';
      const prefix = text(345, 155);
      const name = prefix ? `${prefix}/${text(0, 100)}` : text(0, 100);
      if (!Number.isSafeInteger(size) || size < 0) throw new Error(`a bad size for ${name}`);
      const padded = size + ((BLOCK - (size % BLOCK)) % BLOCK);
      if (type === '5') {
        at += padded;
        continue;
      }
      if (type !== '0') throw new Error(`${name}: only regular files belong in a Marquee backup`);
      const target = inside(root, name);
      if (!target) throw new Error(`${name}: a name outside the data folder`);
      mkdirSync(dirname(target), { recursive: true });
      const out = openSync(target, 'w');
      try {
        let done = 0;
        while (done < size) {
          const n = readSync(fd, piece, 0, Math.min(PIECE, size - done), at + done);
          if (n === 0) throw new Error('the archive ends early');
          writeSync(out, piece, 0, n);
          done += n;
        }
      } finally {
        closeSync(out);
      }
      names.push(name);
      at += padded;
    }
  } finally {
    closeSync(fd);
  }
}
