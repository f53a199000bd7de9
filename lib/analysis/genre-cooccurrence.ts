/** Genre co-occurrence: how many movies carry both genre a and genre b. */
import type {Movies} from "../data/types.js";

export interface GenreCooccurrence {
  genres: string[];
  /** Row-major G×G: counts[a * G + b] movies have both a and b; the diagonal is movies with a. */
  counts: number[];
}

/** Movies per pair of genres (symmetric; diagonal = movies per genre). */
export function genreCooccurrence(movies: Movies): GenreCooccurrence {
  const G = movies.genreNames.length;
  const counts = new Array<number>(G * G).fill(0);
  const on: number[] = [];
  for (let m = 0; m < movies.id.length; m++) {
    on.length = 0;
    for (let g = 0; g < G; g++) if (movies.genres[m * G + g] === 1) on.push(g);
    for (const a of on) for (const b of on) counts[a * G + b]++;
  }
  return {genres: movies.genreNames.slice(), counts};
}

/** The most frequent pair of distinct genres, or null when no movie has two genres. */
export function topGenrePair(c: GenreCooccurrence): {a: string; b: string; movies: number} | null {
  const G = c.genres.length;
  let best: {a: string; b: string; movies: number} | null = null;
  for (let a = 0; a < G; a++) {
    for (let b = a + 1; b < G; b++) {
      const k = c.counts[a * G + b];
      if (k > 0 && (best === null || k > best.movies)) best = {a: c.genres[a], b: c.genres[b], movies: k};
    }
  }
  return best;
}
