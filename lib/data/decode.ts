/**
 * Bytes → text for the MovieLens files: ISO-8859-1 (ml-100k, ml-1m) and strict UTF-8 (the CSV family).
 * Browser-safe: TextDecoder only, no Node APIs.
 */
import {DataError} from "./errors.js";

const CHUNK = 0x2000;

/** Decodes ISO-8859-1 bytes (each byte is the code point 0..255) into a string. */
export function decodeLatin1(bytes: Uint8Array): string {
  // Not TextDecoder("latin1"): WHATWG maps that label to windows-1252, which changes bytes 0x80..0x9F.
  let out = "";
  for (let i = 0; i < bytes.length; i += CHUNK) {
    out += String.fromCharCode.apply(null, bytes.subarray(i, i + CHUNK) as unknown as number[]);
  }
  return out;
}

const utf8 = new TextDecoder("utf-8", {fatal: true});

/** Decodes UTF-8 (a leading BOM is dropped); invalid bytes throw a DataError naming `file` and the 1-based line. */
export function decodeUtf8Strict(bytes: Uint8Array, file: string): string {
  try {
    return utf8.decode(bytes);
  } catch {
    const at = findInvalidUtf8(bytes);
    // TextDecoder rejected the bytes, so the validator finds the spot; -1 would mean the two disagree.
    const offset = at < 0 ? 0 : at;
    const bad = Array.from(bytes.subarray(offset, Math.min(offset + 4, bytes.length)), (b) =>
      b.toString(16).padStart(2, "0")
    );
    throw new DataError({
      file,
      line: lineOfOffset(bytes, offset),
      value: `bytes 0x${bad.join(" 0x")} at byte offset ${offset}`,
      expected: "valid UTF-8 text"
    });
  }
}

/** Byte offset (0..length-1) of the first byte that starts an invalid UTF-8 sequence, or -1 when all bytes are valid UTF-8. */
export function findInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80,
      hi = 0xbf; // allowed range of the first continuation byte (rules out overlongs and surrogates)
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      else if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      else if (b === 0xf4) hi = 0x8f;
    } else return i;
    if (i + need >= n) return i; // truncated sequence at the end of the file
    const c1 = bytes[i + 1];
    if (c1 < lo || c1 > hi) return i;
    for (let k = 2; k <= need; k++) {
      const c = bytes[i + k];
      if (c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** 1-based line number of the byte at `offset` (lines end at LF). */
export function lineOfOffset(bytes: Uint8Array, offset: number): number {
  let line = 1;
  let p = bytes.indexOf(0x0a);
  while (p >= 0 && p < offset) {
    line++;
    p = bytes.indexOf(0x0a, p + 1);
  }
  return line;
}
