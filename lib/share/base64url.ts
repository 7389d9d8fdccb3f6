// Strict base64url without padding: decoding refuses any character outside the alphabet and any
// non-canonical tail (unused low bits set), so every change to a link is seen, never silently ignored.
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const LOOKUP = new Map([...ALPHABET].map((c, i) => [c, i]));

export function encodeBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = bytes.length - i >= 3 ? 4 : bytes.length - i + 1;
    for (let c = 0; c < chars; c++) out += ALPHABET[(n >>> (18 - 6 * c)) & 63];
  }
  return out;
}

/** Returns null for anything that is not canonical base64url. */
export function decodeBase64Url(text: string): Uint8Array | null {
  if (text.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const group = text.slice(i, i + 4);
    let n = 0;
    for (let c = 0; c < 4; c++) {
      const v = c < group.length ? LOOKUP.get(group[c]) : 0;
      if (v === undefined) return null;
      n = (n << 6) | v;
    }
    const bytes = group.length - 1;
    if (bytes < 3 && (n & ((1 << (8 * (3 - bytes))) - 1)) !== 0) return null; // non-canonical tail
    for (let b = 0; b < bytes; b++) out[o++] = (n >>> (16 - 8 * b)) & 255;
  }
  return out;
}
