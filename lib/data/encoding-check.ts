/**
 * Mis-encoding detection for the latin-1 layouts (ml-100k, ml-1m). Their titles are decoded byte by
 * byte as latin-1, so a file saved as UTF-8 turns "Amélie" into "AmÃ©lie" without any error. Such
 * a title's characters, taken back as bytes, form valid multi-byte UTF-8; a real latin-1 title
 * almost never does ("é" is one byte, 0xE9, which cannot be followed by an ASCII letter in UTF-8).
 */
import type {RawDataset} from "./types.js";

const utf8 = new TextDecoder("utf-8", {fatal: true});

/** The text a latin-1-decoded string would be if its bytes were UTF-8, or null when they are not valid multi-byte UTF-8. */
export function asUtf8(latin1Text: string): string | null {
  let high = false;
  for (let i = 0; i < latin1Text.length; i++) {
    const c = latin1Text.charCodeAt(i);
    if (c > 0xff) return null;
    if (c >= 0x80) high = true;
  }
  if (!high) return null;
  try {
    return utf8.decode(Uint8Array.from(latin1Text, (ch) => ch.charCodeAt(0)));
  } catch {
    return null;
  }
}

/** Warnings for the data set's titles that look like UTF-8 read as latin-1 (latin-1 layouts only); [] otherwise. */
export function encodingWarnings(raw: RawDataset): string[] {
  if (raw.source.format !== "ml-100k" && raw.source.format !== "ml-1m") return [];
  const titles = raw.movies.title;
  const hits: string[] = [];
  let count = 0;
  for (let m = 0; m < titles.length; m++) {
    const fixed = asUtf8(titles[m]);
    if (fixed === null) continue;
    if (count++ < 3) hits.push(`movie ${raw.movies.id[m]} "${titles[m]}" (as UTF-8: "${fixed}")`);
  }
  if (count === 0) return [];
  const file = raw.source.format === "ml-100k" ? "u.item" : "movies.dat";
  return [
    `${count} ${count === 1 ? "title looks" : "titles look"} mis-encoded: ${file} is read as latin-1 (ISO-8859-1), as GroupLens publishes it, ` +
      `but ${count === 1 ? "this title's bytes are" : "these titles' bytes are"} valid UTF-8, so the file was probably re-saved as UTF-8: ` +
      `${hits.join(", ")}${count > 3 ? ", …" : ""}. Titles are kept as read; convert the file back to latin-1 to fix them.`
  ];
}
