import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../../main/paths.ts';
import { renderIcon } from '../../../main/shell/icon.ts';
import { PNG_SIGNATURE, crc32, encodePng } from '../../../main/png.ts';

/** Splits a PNG into chunks, checking every CRC on the way. */
function readChunks(png: Buffer): { type: string; data: Buffer }[] {
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  const chunks = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    expect(png.readUInt32BE(at + 8 + length), `CRC of ${type}`).toBe(
      crc32(png.subarray(at + 4, at + 8 + length)),
    );
    chunks.push({ type, data });
    at += 12 + length;
  }
  return chunks;
}

describe('encodePng', () => {
  it('writes a PNG whose chunks and pixels read back', () => {
    const rgba = Uint8Array.from({ length: 3 * 2 * 4 }, (_, i) => (i * 37) % 256);
    const chunks = readChunks(encodePng(3, 2, rgba));
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    const ihdr = chunks[0]!.data;
    expect([ihdr.readUInt32BE(0), ihdr.readUInt32BE(4), ihdr[8], ihdr[9]]).toEqual([3, 2, 8, 6]);
    const rows = inflateSync(chunks[1]!.data);
    expect(rows[0]).toBe(0);
    expect([...rows.subarray(1, 13)]).toEqual([...rgba.subarray(0, 12)]);
    expect([...rows.subarray(14, 26)]).toEqual([...rgba.subarray(12, 24)]);
  });

  it('checks CRC-32 against the standard check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('refuses pixel data of the wrong size', () => {
    expect(() => encodePng(2, 2, new Uint8Array(4))).toThrow(/does not match/);
  });
});

describe('the icon', () => {
  it('is a tile with transparent corners and an opaque centre', () => {
    const size = 32;
    const px = renderIcon(size);
    const alpha = (x: number, y: number) => px[(y * size + x) * 4 + 3];
    expect(alpha(0, 0)).toBe(0);
    expect(alpha(31, 31)).toBe(0);
    expect(alpha(16, 16)).toBe(255);
    expect(alpha(16, 3)).toBe(255);
  });

  it('build/icon.png is the current drawing (regenerate with scripts/make-icons.js)', () => {
    const committed = readFileSync(join(packageRoot(), 'build', 'icon.png'));
    const chunks = readChunks(committed);
    expect(chunks[0]!.data.readUInt32BE(0)).toBe(1024);
    expect(committed.equals(encodePng(1024, 1024, renderIcon(1024)))).toBe(true);
  });
});
