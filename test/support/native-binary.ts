/**
 * Reads what a native addon is without loading it: its file format and
 * processor from the header (ELF, PE, Mach-O), and for ELF the symbols it
 * imports, so a test can tell a Node-API addon (only `napi_*` from the runtime)
 * from one tied to one Node's V8 and libnode.
 */

export type BinaryFormat = 'elf' | 'pe' | 'macho';
export type BinaryArch = 'x64' | 'arm64' | 'other';

export interface BinaryHeader {
  readonly format: BinaryFormat;
  readonly arch: BinaryArch;
}

const ELF_MACHINES: Record<number, BinaryArch> = { 0x3e: 'x64', 0xb7: 'arm64' };
const PE_MACHINES: Record<number, BinaryArch> = { 0x8664: 'x64', 0xaa64: 'arm64' };
const MACHO_CPUS: Record<number, BinaryArch> = { 0x01000007: 'x64', 0x0100000c: 'arm64' };

/** The format and processor of `bytes`, or undefined for anything else. */
export function readBinaryHeader(bytes: Buffer): BinaryHeader | undefined {
  if (bytes.length >= 20 && bytes.readUInt32BE(0) === 0x7f454c46) {
    return { format: 'elf', arch: ELF_MACHINES[bytes.readUInt16LE(18)] ?? 'other' };
  }
  if (bytes.length >= 64 && bytes.toString('latin1', 0, 2) === 'MZ') {
    const pe = bytes.readUInt32LE(0x3c);
    if (bytes.toString('latin1', pe, pe + 4) === 'PE\0\0') {
      return { format: 'pe', arch: PE_MACHINES[bytes.readUInt16LE(pe + 4)] ?? 'other' };
    }
  }
  if (bytes.length >= 8 && bytes.readUInt32LE(0) === 0xfeedfacf) {
    return { format: 'macho', arch: MACHO_CPUS[bytes.readUInt32LE(4)] ?? 'other' };
  }
  return undefined;
}

/** The dynamic symbols of a 64-bit little-endian ELF file: those it imports, and those it defines. */
export function elfDynamicSymbols(bytes: Buffer): { imports: string[]; exports: string[] } {
  if (readBinaryHeader(bytes)?.format !== 'elf' || bytes[4] !== 2 || bytes[5] !== 1) {
    throw new Error('not a 64-bit little-endian ELF file');
  }
  const shoff = Number(bytes.readBigUInt64LE(0x28));
  const shentsize = bytes.readUInt16LE(0x3a);
  const shnum = bytes.readUInt16LE(0x3c);
  const section = (i: number) => {
    const at = shoff + i * shentsize;
    return {
      type: bytes.readUInt32LE(at + 4),
      offset: Number(bytes.readBigUInt64LE(at + 0x18)),
      size: Number(bytes.readBigUInt64LE(at + 0x20)),
      link: bytes.readUInt32LE(at + 0x28),
      entsize: Number(bytes.readBigUInt64LE(at + 0x38)),
    };
  };
  const SHT_DYNSYM = 11;
  const dynsym = Array.from({ length: shnum }, (_, i) => section(i)).find((s) => s.type === SHT_DYNSYM);
  if (!dynsym) throw new Error('no .dynsym section');
  const strtab = section(dynsym.link);
  const name = (at: number) => {
    const start = strtab.offset + at;
    return bytes.toString('latin1', start, bytes.indexOf(0, start));
  };
  const imports: string[] = [];
  const exports: string[] = [];
  for (let at = dynsym.offset + dynsym.entsize; at < dynsym.offset + dynsym.size; at += dynsym.entsize) {
    const symbol = name(bytes.readUInt32LE(at));
    if (!symbol) continue;
    (bytes.readUInt16LE(at + 6) === 0 ? imports : exports).push(symbol);
  }
  return { imports, exports };
}
