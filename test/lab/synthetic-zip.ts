// The seeded synthetic set written as a GroupLens ml-100k zip (u.data, u.item, u.user, u.genre,
// u.occupation, and u1..u5 .base/.test from a seeded 5-fold split), for the Lab's browser test and bench.
import {zipSync} from "fflate";
import {kFold} from "../../lib/eval/split.js";
import {generateSynthetic} from "../../lib/data/synthetic.js";
import type {RawDataset} from "../../lib/data/types.js";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function releaseDate(seconds: number): string {
  if (!Number.isFinite(seconds)) return "";
  const d = new Date(seconds * 1000);
  return `${String(d.getUTCDate()).padStart(2, "0")}-${MONTHS[d.getUTCMonth()]}-${d.getUTCFullYear()}`;
}

/** The set's files in ml-100k's layout, by name. */
export function ml100kFiles(raw: RawDataset = generateSynthetic()): Record<string, string> {
  const r = raw.ratings;
  const line = (i: number) => `${r.userId[i]}\t${r.movieId[i]}\t${r.rating[i]}\t${r.timestamp[i]}\n`;
  const m = raw.movies;
  const g = m.genreNames.length;
  const items = Array.from(m.id, (id, i) => {
    const flags = Array.from(m.genres.subarray(i * g, (i + 1) * g)).join("|");
    return `${id}|${m.title[i]}|${releaseDate(m.releaseDate[i])}||http://example.invalid/${id}|${flags}\n`;
  }).join("");
  const u = raw.users!;
  const users = Array.from(
    u.id,
    (id, i) =>
      [id, u.age[i], u.gender[i] === 1 ? "F" : "M", u.occupationNames[u.occupation[i]], u.zip[i]].join("|") + "\n"
  ).join("");
  const files: Record<string, string> = {
    "u.data": Array.from({length: r.rating.length}, (_, i) => line(i)).join(""),
    "u.item": items,
    "u.user": users,
    "u.genre": m.genreNames.map((n, i) => `${n}|${i}\n`).join(""),
    "u.occupation": u.occupationNames.map((n) => `${n}\n`).join("")
  };
  kFold(r.rating.length, 5, 11).forEach((split, k) => {
    files[`u${k + 1}.base`] = Array.from(split.train, line).join("");
    files[`u${k + 1}.test`] = Array.from(split.test, line).join("");
  });
  return files;
}

/** The files as a zip under a folder, as GroupLens ships them ("ml-100k/u.data", …). */
export function syntheticZip(folder = "synthetic-100k", files = ml100kFiles()): Uint8Array {
  const enc = new TextEncoder();
  return zipSync(Object.fromEntries(Object.entries(files).map(([n, t]) => [`${folder}/${n}`, enc.encode(t)])));
}
