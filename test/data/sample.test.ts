import {describe, expect, it} from "vitest";
import {encodeDataset} from "../../lib/data/encode.js";
import {sampleUsers, topMovies} from "../../lib/data/sample.js";
import {generateSynthetic} from "../../lib/data/synthetic.js";
import type {Dataset} from "../../lib/data/types.js";

const d = encodeDataset(generateSynthetic());
const n = d.ratings.rating.length;

/** Every sampled row as raw (user id, movie id, rating, timestamp), to compare with the full set's rows. */
function rawRows(x: Dataset): string[] {
  return Array.from(
    x.ratings.rating,
    (r, i) => `${x.userIds[x.ratings.user[i]]}:${x.movies.id[x.ratings.movie[i]]}:${r}:${x.ratings.timestamp[i]}`
  );
}

describe("sampleUsers", () => {
  it("returns the set itself when it fits the budget", () => {
    const s = sampleUsers(d, n, 1);
    expect(s.dataset).toBe(d);
    expect(s.note.kind).toBe("all");
    expect(s.note.ratings).toEqual({kept: n, of: n});
  });

  it("keeps whole users within the budget, in the full set's row order, with ids and demographics intact", () => {
    const budget = Math.floor(n / 4);
    const s = sampleUsers(d, budget, 7);
    const x = s.dataset;
    expect(s.note.kind).toBe("users");
    expect(x.ratings.rating.length).toBe(s.note.ratings.kept);
    expect(s.note.ratings.kept).toBeLessThanOrEqual(budget);
    expect(s.note.ratings.kept).toBeGreaterThan(budget * 0.9);
    // Rows are a subsequence of the full set's rows.
    const full = rawRows(d);
    const kept = rawRows(x);
    let j = 0;
    for (const row of full) if (j < kept.length && row === kept[j]) j++;
    expect(j).toBe(kept.length);
    // Whole users: each kept user has as many ratings as in the full set.
    const count = (y: Dataset) => {
      const c = new Map<number, number>();
      y.ratings.user.forEach((u) => c.set(y.userIds[u], (c.get(y.userIds[u]) ?? 0) + 1));
      return c;
    };
    const fullCount = count(d);
    for (const [id, c] of count(x)) expect(c).toBe(fullCount.get(id));
    // Dense indices, ascending raw ids, users table aligned.
    expect(Math.max(...x.ratings.user)).toBe(x.userIds.length - 1);
    expect(Math.max(...x.ratings.movie)).toBe(x.movies.id.length - 1);
    for (let u = 1; u < x.userIds.length; u++) expect(x.userIds[u]).toBeGreaterThan(x.userIds[u - 1]);
    expect(Array.from(x.users!.id)).toEqual(Array.from(x.userIds));
    const G = d.movies.genreNames.length;
    const row = new Map(Array.from(d.movies.id, (id, m) => [id, m]));
    x.movies.id.forEach((id, m) => {
      const f = row.get(id)!;
      expect(x.movies.title[m]).toBe(d.movies.title[f]);
      expect(Array.from(x.movies.genres.subarray(m * G, m * G + G))).toEqual(
        Array.from(d.movies.genres.subarray(f * G, f * G + G))
      );
    });
    expect(s.note.text).toMatch(/^a seeded sample of [\d,]+ of [\d,]+ users \(seed 7\): [\d,]+ of [\d,]+ ratings/);
  });

  it("is seeded: the same seed gives the same sample, another seed another", () => {
    const a = sampleUsers(d, Math.floor(n / 3), 3).dataset;
    const b = sampleUsers(d, Math.floor(n / 3), 3).dataset;
    const c = sampleUsers(d, Math.floor(n / 3), 4).dataset;
    expect(rawRows(a)).toEqual(rawRows(b));
    expect(rawRows(a)).not.toEqual(rawRows(c));
  });

  it("refuses a budget that is not a positive integer", () => {
    expect(() => sampleUsers(d, 0, 1)).toThrow(/maxRatings is 0: expected an integer ≥ 1/);
    expect(() => sampleUsers(d, 1.5, 1)).toThrow(RangeError);
  });
});

describe("topMovies", () => {
  it("keeps the most-rated movies and every rating of them", () => {
    const count = new Int32Array(d.movies.id.length);
    d.ratings.movie.forEach((m) => count[m]++);
    const s = topMovies(d, 50);
    const x = s.dataset;
    expect(x.movies.id.length).toBe(50);
    const threshold = Array.from(count).sort((a, b) => b - a)[49];
    const kept = new Set(x.movies.id);
    let rows = 0;
    d.movies.id.forEach((id, m) => {
      if (count[m] > threshold) expect(kept.has(id)).toBe(true);
      if (kept.has(id)) rows += count[m];
    });
    expect(x.ratings.rating.length).toBe(rows);
    expect(s.note.kind).toBe("movies");
    expect(s.note.text).toMatch(/^the 50 most-rated of [\d,]+ movies: /);
  });

  it("returns the set itself when it has few enough movies", () => {
    expect(topMovies(d, d.movies.id.length).dataset).toBe(d);
  });
});
