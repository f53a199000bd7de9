import {describe, expect, it} from "vitest";
import {forEachLikeUser, planLikeSet} from "../../lib/data/synthetic-like.js";
import {SHAPE_NAMES, setShape} from "../../lib/data/synthetic-shapes.js";

/** Every rating of a plan as columns. */
function collect(name: string, fraction: number, seed = 1) {
  const plan = planLikeSet(setShape(name), {seed, fraction});
  const user: number[] = [];
  const movie: number[] = [];
  const rating: number[] = [];
  const time: number[] = [];
  forEachLikeUser(plan, (u) => {
    for (let i = 0; i < u.movieId.length; i++) {
      user.push(u.userId);
      movie.push(u.movieId[i]);
      rating.push(u.rating[i]);
      time.push(u.timestamp[i]);
    }
  });
  return {plan, user, movie, rating, time};
}

describe("look-alikes of the big MovieLens sets", () => {
  it("knows the published sizes", () => {
    expect(SHAPE_NAMES).toEqual(["ml-latest-small", "ml-1m", "ml-10m", "ml-20m", "ml-25m", "ml-32m"]);
    expect(setShape("ml-32m")).toMatchObject({users: 200_948, movies: 87_585, ratings: 32_000_204});
    expect(() => setShape("ml-5m")).toThrow(/no shape for "ml-5m": expected one of ml-latest-small/);
  });

  it("gives the exact rating count, at least 20 per user, no repeated pair, movies ascending per user", () => {
    const {plan, user, movie} = collect("ml-25m", 0.004);
    expect(user.length).toBe(plan.ratings);
    expect(plan.ratings).toBe(Math.round(25_000_095 * 0.004));
    const perUser = new Map<number, number>();
    for (const u of user) perUser.set(u, (perUser.get(u) ?? 0) + 1);
    expect(perUser.size).toBe(plan.users);
    expect(Math.min(...perUser.values())).toBeGreaterThanOrEqual(20);
    const pairs = new Set(user.map((u, i) => `${u}/${movie[i]}`));
    expect(pairs.size).toBe(user.length);
    for (let i = 1; i < user.length; i++) if (user[i] === user[i - 1]) expect(movie[i]).toBeGreaterThan(movie[i - 1]);
  });

  it("has long-tailed activity and popularity", () => {
    const {user, movie} = collect("ml-25m", 0.004);
    const count = (xs: number[]) => {
      const m = new Map<number, number>();
      for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
      return [...m.values()].sort((a, b) => b - a);
    };
    const users = count(user);
    const movies = count(movie);
    const median = (a: number[]) => a[Math.floor(a.length / 2)];
    expect(users[0]).toBeGreaterThan(8 * median(users)); // a few very active users
    expect(movies[0]).toBeGreaterThan(20 * median(movies)); // a few very popular movies
  });

  it("matches the real star shares within a point, inside the set's time window", () => {
    const {plan, rating, time} = collect("ml-25m", 0.004);
    const shares = plan.shape.ratingShares;
    for (let k = 0; k < shares.length; k++) {
      const value = 0.5 + 0.5 * k;
      const share = rating.filter((r) => r === value).length / rating.length;
      expect(Math.abs(share - shares[k])).toBeLessThan(0.01);
    }
    expect(Math.min(...time)).toBeGreaterThanOrEqual(plan.shape.from);
    expect(Math.max(...time)).toBeLessThanOrEqual(plan.shape.to);
  });

  it("is the same for the same seed and differs for another", () => {
    const a = collect("ml-1m", 0.02, 7);
    const b = collect("ml-1m", 0.02, 7);
    const c = collect("ml-1m", 0.02, 8);
    expect(b.rating).toEqual(a.rating);
    expect(b.movie).toEqual(a.movie);
    expect(c.movie).not.toEqual(a.movie);
  });
});
