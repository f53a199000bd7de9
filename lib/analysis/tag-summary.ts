/**
 * What users tag movies with: the most used tags and the most tagged movies with their tags. Tags
 * are grouped case- and space-insensitively ("Sci-Fi" and "sci-fi " are one tag) and shown in their
 * most used spelling. The summary's size is fixed by its limits, whatever the size of the tags table.
 */
import type {RawTags} from "../data/read-tags.js";

export interface TagCount {
  tag: string;
  /** Rows with this tag. */
  count: number;
  /** Distinct users who wrote it. */
  users: number;
  /** Distinct movies it was put on. */
  movies: number;
}

export interface TaggedMovie {
  movieId: number;
  /** Null when the movie is not in the movies table. */
  title: string | null;
  /** Tag rows on this movie. */
  count: number;
  /** Its most used tags, at most `perMovie`. */
  tags: {tag: string; count: number}[];
}

export interface TagSummary {
  rows: number;
  distinctTags: number;
  taggers: number;
  taggedMovies: number;
  top: TagCount[];
  movies: TaggedMovie[];
}

/** Top `top` tags (default 30) and the `movies` most tagged movies (default 15) with `perMovie` tags each (default 5). */
export function tagSummary(
  t: RawTags,
  titleOf: (movieId: number) => string | undefined,
  options: {top?: number; movies?: number; perMovie?: number} = {}
): TagSummary {
  const {top = 30, movies = 15, perMovie = 5} = options;
  const n = t.tag.length;
  const keyOf = new Map<string, number>();
  const keys: {spellings: Map<string, number>; count: number; users: Set<number>; movies: Set<number>}[] = [];
  const keyOfRow = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const norm = t.tag[i].trim().replace(/\s+/g, " ").toLowerCase();
    let k = keyOf.get(norm);
    if (k === undefined) {
      keyOf.set(norm, (k = keys.length));
      keys.push({spellings: new Map(), count: 0, users: new Set(), movies: new Set()});
    }
    const e = keys[k];
    e.count++;
    e.users.add(t.userId[i]);
    e.movies.add(t.movieId[i]);
    e.spellings.set(t.tag[i].trim(), (e.spellings.get(t.tag[i].trim()) ?? 0) + 1);
    keyOfRow[i] = k;
  }
  const labels = keys.map((e) => {
    let best = "",
      bestN = -1;
    for (const [s, c] of e.spellings) if (c > bestN || (c === bestN && s < best)) [best, bestN] = [s, c];
    return best;
  });
  const label = (k: number) => labels[k];
  const byCount = keys.map((_, k) => k).sort((a, b) => keys[b].count - keys[a].count || (label(a) < label(b) ? -1 : 1));

  const rowsOfMovie = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const list = rowsOfMovie.get(t.movieId[i]);
    if (list) list.push(i);
    else rowsOfMovie.set(t.movieId[i], [i]);
  }
  const mostTagged = [...rowsOfMovie.entries()]
    .sort((a, b) => b[1].length - a[1].length || a[0] - b[0])
    .slice(0, movies);
  return {
    rows: n,
    distinctTags: keys.length,
    taggers: new Set(t.userId).size,
    taggedMovies: rowsOfMovie.size,
    top: byCount
      .slice(0, top)
      .map((k) => ({tag: label(k), count: keys[k].count, users: keys[k].users.size, movies: keys[k].movies.size})),
    movies: mostTagged.map(([movieId, rows]) => {
      const counts = new Map<number, number>();
      for (const i of rows) counts.set(keyOfRow[i], (counts.get(keyOfRow[i]) ?? 0) + 1);
      const tags = [...counts.entries()]
        .sort((a, b) => b[1] - a[1] || (label(a[0]) < label(b[0]) ? -1 : 1))
        .slice(0, perMovie)
        .map(([k, count]) => ({tag: label(k), count}));
      return {movieId, title: titleOf(movieId) ?? null, count: rows.length, tags};
    })
  };
}
