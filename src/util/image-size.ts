/**
 * The natural size of a logo (PNG, JPEG, GIF, WebP: the types src/project/logo.ts
 * accepts), read from its header, in px; null when the header is not one of
 * these or is cut short.
 */
export function imageSize(b: Uint8Array): { width: number; height: number } | null {
  const u16be = (i: number): number => (b[i]! << 8) | b[i + 1]!;
  const u16le = (i: number): number => b[i]! | (b[i + 1]! << 8);
  const u24le = (i: number): number => b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16);
  const u32be = (i: number): number => ((b[i]! << 24) >>> 0) + (b[i + 1]! << 16) + (b[i + 2]! << 8) + b[i + 3]!;
  const ok = (s: { width: number; height: number }): { width: number; height: number } | null =>
    s.width > 0 && s.height > 0 && Number.isFinite(s.width) && Number.isFinite(s.height) ? s : null;
  if (b.length >= 24 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return ok({ width: u32be(16), height: u32be(20) });
  if (b.length >= 10 && b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46) return ok({ width: u16le(6), height: u16le(8) });
  if (b.length >= 30 && b[0] === 0x52 && b[8] === 0x57 && b[12] === 0x56 && b[13] === 0x50 && b[14] === 0x38) {
    const kind = String.fromCharCode(b[15]!);
    if (kind === ' ') return ok({ width: u16le(26) & 0x3fff, height: u16le(28) & 0x3fff });
    if (kind === 'L') {
      const bits = b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24);
      return ok({ width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 });
    }
    if (kind === 'X') return ok({ width: u24le(24) + 1, height: u24le(27) + 1 });
    return null;
  }
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8) {
    let i = 2;
    while (i + 9 < b.length) {
      if (b[i] !== 0xff) return null;
      const marker = b[i + 1]!;
      if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
        i += 2;
        continue;
      }
      const len = u16be(i + 2);
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return ok({ width: u16be(i + 7), height: u16be(i + 5) });
      if (len < 2) return null;
      i += 2 + len;
    }
  }
  return null;
}
