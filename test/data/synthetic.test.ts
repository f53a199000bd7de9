import {describe, expect, it} from "vitest";
import {cleanDataset} from "../../lib/data/clean.js";
import {encodeDataset} from "../../lib/data/encode.js";
import {beforeReleaseMask} from "../../lib/data/release-noise.js";
import {ML100K_OCCUPATIONS, generateSynthetic} from "../../lib/data/synthetic.js";
import {ML100K_GENRES} from "../../lib/data/read-ml100k.js";
import {createRng} from "../../lib/random.js";

const WINDOW_START = Date.UTC(1997, 8, 20) / 1000;
const WINDOW_END = Date.UTC(1998, 3, 23) / 1000;
const d = generateSynthetic();
const r = d.ratings;

/** Byte-equal typed arrays (vitest's deep equality is slow on 100,000 elements). */
function sameBytes(a: ArrayBufferView, b: ArrayBufferView): boolean {
  const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

describe("generateSynthetic defaults", () => {
  it("has ml-100k's shape and labels", () => {
    expect(d.name).toBe("synthetic");
    expect(d.source).toEqual({kind: "synthetic", format: "synthetic", seed: 42});
    expect(d.scale).toEqual({min: 1, max: 5, step: 1});
    expect(r.userId.length).toBe(100_000);
    expect(d.users!.id.length).toBe(943);
    expect(d.movies.id.length).toBe(1682);
    expect(d.movies.genreNames).toEqual(ML100K_GENRES);
    expect(d.users!.occupationNames).toEqual(ML100K_OCCUPATIONS);
    expect(ML100K_OCCUPATIONS.length).toBe(21);
    expect(ML100K_GENRES.length).toBe(19);
  });

  it("is deterministic for a seed and differs between seeds", () => {
    const again = generateSynthetic();
    expect(sameBytes(again.ratings.userId, r.userId)).toBe(true);
    expect(sameBytes(again.ratings.movieId, r.movieId)).toBe(true);
    expect(sameBytes(again.ratings.rating, r.rating)).toBe(true);
    expect(sameBytes(again.ratings.timestamp, r.timestamp)).toBe(true);
    expect(again.movies.title).toEqual(d.movies.title);
    expect(sameBytes(again.users!.age, d.users!.age)).toBe(true);
    const other = generateSynthetic({seed: 43});
    expect(sameBytes(other.ratings.movieId, r.movieId)).toBe(false);
    expect(sameBytes(other.ratings.rating, r.rating)).toBe(false);
    expect(other.source.seed).toBe(43);
  });

  it("has realistic users: ages 7..73, ~71% men, every occupation used", () => {
    const u = d.users!;
    let men = 0;
    let ageSum = 0;
    const occ = new Set<number>();
    for (let i = 0; i < u.id.length; i++) {
      expect(u.age[i]).toBeGreaterThanOrEqual(7);
      expect(u.age[i]).toBeLessThanOrEqual(73);
      expect(u.zip[i]).toMatch(/^\d{5}$/);
      if (u.gender[i] === 0) men++;
      else expect(u.gender[i]).toBe(1);
      ageSum += u.age[i];
      occ.add(u.occupation[i]);
    }
    expect(men / u.id.length).toBeGreaterThan(0.66);
    expect(men / u.id.length).toBeLessThan(0.76);
    expect(ageSum / u.id.length).toBeGreaterThan(29);
    expect(ageSum / u.id.length).toBeLessThan(39);
    expect(occ.size).toBe(21);
  });

  it("has realistic movies: 1–3 genres with Drama and Comedy most common, titles with years, mostly 1990s releases", () => {
    const G = ML100K_GENRES.length;
    const perGenre = new Array(G).fill(0);
    let nineties = 0;
    let oldest = Infinity;
    for (let m = 0; m < d.movies.id.length; m++) {
      let k = 0;
      for (let g = 0; g < G; g++) {
        k += d.movies.genres[m * G + g];
        perGenre[g] += d.movies.genres[m * G + g];
      }
      expect(k).toBeGreaterThanOrEqual(1);
      expect(k).toBeLessThanOrEqual(3);
      const y = d.movies.year[m];
      expect(d.movies.title[m].endsWith(`(${y})`)).toBe(true);
      expect(new Date(d.movies.releaseDate[m] * 1000).getUTCFullYear()).toBe(y);
      if (y >= 1990) nineties++;
      oldest = Math.min(oldest, y);
    }
    const ranked = perGenre
      .map((c, g) => [c, g])
      .sort((a, b) => b[0] - a[0])
      .map((x) => ML100K_GENRES[x[1]]);
    expect(ranked.slice(0, 2)).toEqual(["Drama", "Comedy"]);
    expect(nineties / d.movies.id.length).toBeGreaterThan(0.7);
    expect(oldest).toBeLessThan(1950);
  });

  it("has a rating distribution near ml-100k's shares", () => {
    const counts = [0, 0, 0, 0, 0];
    for (let i = 0; i < r.rating.length; i++) counts[r.rating[i] - 1]++;
    const target = [0.0611, 0.1137, 0.2715, 0.3417, 0.212];
    counts.forEach((c, k) => expect(Math.abs(c / r.rating.length - target[k])).toBeLessThan(0.01));
  });

  it("has no duplicate pairs, every user ≥ 20 ratings, every movie rated, long-tailed activity and popularity", () => {
    const seen = new Uint8Array(944 * 1683);
    const perUser = new Int32Array(944);
    const perMovie = new Int32Array(1683);
    let repeats = 0;
    for (let i = 0; i < r.userId.length; i++) {
      const key = r.userId[i] * 1683 + r.movieId[i];
      repeats += seen[key];
      seen[key] = 1;
      perUser[r.userId[i]]++;
      perMovie[r.movieId[i]]++;
    }
    expect(repeats).toBe(0);
    const users = Array.from(perUser.subarray(1)).sort((a, b) => a - b);
    const movies = Array.from(perMovie.subarray(1)).sort((a, b) => a - b);
    expect(users[0]).toBeGreaterThanOrEqual(20);
    expect(movies[0]).toBeGreaterThanOrEqual(1); // every movie rated at least once, as in ml-100k
    // Long tails: the busiest user and the most popular movie are far above the median.
    expect(users.at(-1)! / users[471]).toBeGreaterThan(5);
    expect(movies.at(-1)! / movies[841]).toBeGreaterThan(8);
    expect(movies.filter((c) => c <= 2).length).toBeGreaterThan(20);
  });

  it("dates every rating inside 1997-09-20..1998-04-22 and puts ~0.25% before the movie's release", () => {
    let outside = 0;
    for (let i = 0; i < r.timestamp.length; i++)
      if (!(r.timestamp[i] >= WINDOW_START && r.timestamp[i] < WINDOW_END)) outside++;
    expect(outside).toBe(0);
    const mask = beforeReleaseMask(r.movieId, r.timestamp, d.movies, (id) => id - 1);
    const early = mask.reduce((a, b) => a + b, 0);
    expect(early).toBeGreaterThanOrEqual(200);
    expect(early).toBeLessThanOrEqual(300);
    // Those movies were released inside the rating window.
    let oldMovies = 0;
    for (let i = 0; i < mask.length; i++)
      if (mask[i] === 1 && !(d.movies.releaseDate[r.movieId[i] - 1] > WINDOW_START)) oldMovies++;
    expect(oldMovies).toBe(0);
    expect(cleanDataset(d).report.rules.find((x) => x.rule === "before-release")!.removed).toBe(early);
  });

  it("has signal: a user+movie bias baseline beats the global mean on an 80/20 split", () => {
    const e = encodeDataset(cleanDataset(d).data);
    const {user, movie, rating} = e.ratings;
    const n = rating.length;
    const rng = createRng(7);
    const test = new Uint8Array(n);
    for (let i = 0; i < n; i++) test[i] = rng.next() < 0.2 ? 1 : 0;
    let sum = 0,
      count = 0;
    for (let i = 0; i < n; i++)
      if (!test[i]) {
        sum += rating[i];
        count++;
      }
    const mu = sum / count;
    const bm = new Float64Array(e.movies.id.length),
      cm = new Float64Array(e.movies.id.length);
    for (let i = 0; i < n; i++)
      if (!test[i]) {
        bm[movie[i]] += rating[i] - mu;
        cm[movie[i]]++;
      }
    for (let m = 0; m < bm.length; m++) bm[m] /= cm[m] + 25;
    const bu = new Float64Array(e.userIds.length),
      cu = new Float64Array(e.userIds.length);
    for (let i = 0; i < n; i++)
      if (!test[i]) {
        bu[user[i]] += rating[i] - mu - bm[movie[i]];
        cu[user[i]]++;
      }
    for (let u = 0; u < bu.length; u++) bu[u] /= cu[u] + 10;
    let seGlobal = 0,
      seBias = 0,
      t = 0;
    for (let i = 0; i < n; i++) {
      if (!test[i]) continue;
      seGlobal += (rating[i] - mu) ** 2;
      seBias += (rating[i] - (mu + bu[user[i]] + bm[movie[i]])) ** 2;
      t++;
    }
    const rmseGlobal = Math.sqrt(seGlobal / t);
    const rmseBias = Math.sqrt(seBias / t);
    expect(rmseGlobal).toBeGreaterThan(1.05);
    expect(rmseBias).toBeLessThan(rmseGlobal - 0.1);
  });

  it("generates 100,000 ratings fast", () => {
    const t0 = performance.now();
    generateSynthetic({seed: 5});
    // The target is 500 ms (bench/synthetic.ts); the test allows slack for a loaded shared machine.
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

describe("generateSynthetic options", () => {
  it("honours small sizes and keeps the per-user minimum and no duplicates", () => {
    const s = generateSynthetic({seed: 3, users: 50, movies: 120, ratings: 3000});
    expect(s.ratings.userId.length).toBe(3000);
    const per = new Int32Array(51);
    const seen = new Set<number>();
    let badIds = 0;
    for (let i = 0; i < 3000; i++) {
      per[s.ratings.userId[i]]++;
      seen.add(s.ratings.userId[i] * 1000 + s.ratings.movieId[i]);
      if (!(s.ratings.movieId[i] >= 1 && s.ratings.movieId[i] <= 120)) badIds++;
    }
    expect(badIds).toBe(0);
    expect(seen.size).toBe(3000);
    expect(Math.min(...per.subarray(1))).toBeGreaterThanOrEqual(20);
  });

  it("can fill the whole matrix without duplicates", () => {
    const s = generateSynthetic({seed: 1, users: 30, movies: 25, ratings: 750});
    const seen = new Set<number>();
    for (let i = 0; i < 750; i++) seen.add(s.ratings.userId[i] * 100 + s.ratings.movieId[i]);
    expect(seen.size).toBe(750);
  });

  it("rejects impossible or malformed sizes", () => {
    expect(() => generateSynthetic({users: 10, movies: 10, ratings: 101})).toThrow(
      /101 ratings cannot fit 10 users × 10 movies/
    );
    expect(() => generateSynthetic({users: 0})).toThrow(/"users" must be an integer ≥ 1, got 0/);
    expect(() => generateSynthetic({ratings: 1.5})).toThrow(/"ratings" must be an integer ≥ 0/);
    expect(generateSynthetic({ratings: 0}).ratings.rating.length).toBe(0);
  });
});
