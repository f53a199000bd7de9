/**
 * The shapes of the published MovieLens sets, for generating look-alikes of the ones our machines
 * cannot download: size, file layout, rating scale, time span and genre vocabulary. Counts are the
 * published ones (GroupLens READMEs); rating shares are ml-25m's for half-star sets and ml-1m's for
 * whole-star ones, so generated figures sit where real ones do.
 */
import {ML100K_GENRES} from "./read-ml100k.js";
import type {RatingScale} from "./types.js";

/** How a set is laid out on disk. */
export type ShapeLayout = "csv" | "dat";

export interface SetShape {
  name: string;
  layout: ShapeLayout;
  users: number;
  movies: number;
  ratings: number;
  scale: RatingScale;
  /** Share of ratings at each scale value, min to max (sums to 1). */
  ratingShares: readonly number[];
  /** First and last rating time, unix seconds. */
  from: number;
  to: number;
  /** Genre vocabulary, as the set spells it. */
  genres: readonly string[];
  /** Minimum ratings per user (every MovieLens set keeps users with at least 20). */
  minPerUser: number;
  /** Which optional tables the set has. */
  tables: {users: boolean; tags: boolean; links: boolean};
}

const day = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) / 1000;

/** ml-1m's 18 genres: ml-100k's without "unknown" (ml-10m adds IMAX). */
const DAT_GENRES = Object.freeze(ML100K_GENRES.slice(1));

/** ml-20m, ml-25m and ml-32m's genres (ml-latest-small's too): ml-1m's with "Children" for "Children's", and IMAX. */
export const CSV_GENRES = Object.freeze(
  [...DAT_GENRES.map((g) => (g === "Children's" ? "Children" : g)), "IMAX"].sort()
);

/** ml-25m's share of each half star 0.5..5 (ratings.csv, 25,000,095 rows). */
const HALF_STAR_SHARES = Object.freeze([
  0.0157, 0.0311, 0.0159, 0.0664, 0.0508, 0.1958, 0.1262, 0.2655, 0.0862, 0.1464
]);
/** ml-1m's share of each star 1..5. */
const WHOLE_STAR_SHARES = Object.freeze([0.0562, 0.1075, 0.2611, 0.349, 0.2262]);
const HALF: RatingScale = Object.freeze({min: 0.5, max: 5, step: 0.5});
const WHOLE: RatingScale = Object.freeze({min: 1, max: 5, step: 1});

const LIST: SetShape[] = [
  {
    name: "ml-latest-small",
    layout: "csv",
    users: 610,
    movies: 9742,
    ratings: 100_836,
    scale: HALF,
    ratingShares: HALF_STAR_SHARES,
    from: day(1996, 3, 29),
    to: day(2018, 9, 24),
    genres: CSV_GENRES,
    minPerUser: 20,
    tables: {users: false, tags: true, links: true}
  },
  {
    name: "ml-1m",
    layout: "dat",
    users: 6040,
    movies: 3883,
    ratings: 1_000_209,
    scale: WHOLE,
    ratingShares: WHOLE_STAR_SHARES,
    from: day(2000, 4, 25),
    to: day(2003, 2, 28),
    genres: DAT_GENRES,
    minPerUser: 20,
    tables: {users: true, tags: false, links: false}
  },
  {
    name: "ml-10m",
    layout: "dat",
    users: 69_878,
    movies: 10_681,
    ratings: 10_000_054,
    scale: HALF,
    ratingShares: HALF_STAR_SHARES,
    from: day(1996, 1, 29),
    to: day(2009, 1, 5),
    genres: [...DAT_GENRES, "IMAX"],
    minPerUser: 20,
    tables: {users: false, tags: true, links: false}
  },
  {
    name: "ml-20m",
    layout: "csv",
    users: 138_493,
    movies: 27_278,
    ratings: 20_000_263,
    scale: HALF,
    ratingShares: HALF_STAR_SHARES,
    from: day(1995, 1, 9),
    to: day(2015, 3, 31),
    genres: CSV_GENRES,
    minPerUser: 20,
    tables: {users: false, tags: true, links: true}
  },
  {
    name: "ml-25m",
    layout: "csv",
    users: 162_541,
    movies: 62_423,
    ratings: 25_000_095,
    scale: HALF,
    ratingShares: HALF_STAR_SHARES,
    from: day(1995, 1, 9),
    to: day(2019, 11, 21),
    genres: CSV_GENRES,
    minPerUser: 20,
    tables: {users: false, tags: true, links: true}
  },
  {
    name: "ml-32m",
    layout: "csv",
    users: 200_948,
    movies: 87_585,
    ratings: 32_000_204,
    scale: HALF,
    ratingShares: HALF_STAR_SHARES,
    from: day(1995, 1, 9),
    to: day(2023, 10, 12),
    genres: CSV_GENRES,
    minPerUser: 20,
    tables: {users: false, tags: true, links: true}
  }
];
const SHAPES: readonly SetShape[] = Object.freeze(LIST.map((s) => Object.freeze(s)));

/** Names of the sets a look-alike can be generated for. */
export const SHAPE_NAMES: readonly string[] = Object.freeze(SHAPES.map((s) => s.name));

/** The shape of a published set; throws naming the known ones otherwise. */
export function setShape(name: string): SetShape {
  const s = SHAPES.find((x) => x.name === name);
  if (!s) throw new RangeError(`no shape for "${name}": expected one of ${SHAPE_NAMES.join(", ")}`);
  return s;
}
