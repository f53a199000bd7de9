import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {cleanDataset} from "../../lib/data/clean.js";
import type {Movies, RawDataset, Users} from "../../lib/data/types.js";
import {usersTable} from "../helpers/tiny-dataset.js";

const day = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) / 1000;

// Movie 10: released 1995-01-01; 20: 1997-10-15; 30: nothing known; 40: year 1996 only.
const movies: Movies = {
  id: Int32Array.from([10, 20, 30, 40]),
  title: ["Ten (1995)", "Twenty (1997)", "unknown", "Forty (1996)"],
  year: Float64Array.from([1995, 1997, NaN, 1996]),
  releaseDate: Float64Array.from([day(1995, 1, 1), day(1997, 10, 15), NaN, NaN]),
  genreNames: ["Comedy", "Drama"],
  genres: Uint8Array.from([1, 0, 0, 1, 1, 1, 0, 0])
};

const users: Users = usersTable(
  [
    [1, 20, 0, 0, "11111"],
    [2, 30, 1, 0, "22222"],
    [3, 40, 0, 1, "33333"]
  ],
  ["student", "other"]
);

// [user, movie, rating, timestamp]; the comment says what cleaning must do with each row.
const rows: [number, number, number, number][] = [
  [1, 10, 4, day(1997, 10, 1)], // row 1: duplicate of row 2, older → removed
  [1, 10, 2, day(1997, 11, 1)], // row 2: kept (latest)
  [2, 99, 3, day(1997, 10, 1)], // row 3: unknown movie
  [2, 20, 5, day(1997, 10, 1)], // row 4: before release (1997-10-15)
  [3, 30, 3, day(1997, 10, 1)], // row 5: kept (movie without date)
  [1, 20, 4, day(1997, 10, 20)], // row 6: kept
  [4, 10, 1, day(1997, 10, 1)], // row 7: unknown user
  [3, 30, 3, NaN], // row 8: missing timestamp (same pair as row 5: counted as missing, not duplicate)
  [3, 10, NaN, day(1997, 10, 1)], // row 9: missing rating
  [2, 40, 2, day(1995, 6, 1)], // row 10: before Jan 1 1996 (year-only movie)
  [1, 30, 4, day(1994, 12, 31)], // row 11: before 1995 (implausible time)
  [3, 20, 5, 1e12] // row 12: in the year 33658 (implausible time)
];

/** "Now" for the cleaning, so that the future is fixed. */
const NOW = day(2026, 1, 1);

function dataset(withUsers = true): RawDataset {
  return {
    name: "hand",
    source: {kind: "files", format: "csv", dir: "/hand"},
    scale: {min: 1, max: 5, step: 1},
    ratings: {
      userId: Int32Array.from(rows.map((r) => r[0])),
      movieId: Int32Array.from(rows.map((r) => r[1])),
      rating: Float32Array.from(rows.map((r) => r[2])),
      timestamp: Float64Array.from(rows.map((r) => r[3]))
    },
    movies,
    users: withUsers ? users : undefined
  };
}

const removedByRule = (report: ReturnType<typeof cleanDataset>["report"]): Record<string, number> =>
  Object.fromEntries(report.rules.map((r) => [r.rule, r.removed]));

describe("cleanDataset on a hand-built set", () => {
  it("applies the rules in order and counts every removed row once", () => {
    const {data, report} = cleanDataset(dataset(), {now: NOW});
    expect(report.rules.map((r) => r.rule)).toEqual([
      "missing-values",
      "implausible-time",
      "duplicates",
      "unknown-movie",
      "unknown-user",
      "before-release"
    ]);
    expect(removedByRule(report)).toEqual({
      "missing-values": 2,
      "implausible-time": 2,
      duplicates: 1,
      "unknown-movie": 1,
      "unknown-user": 1,
      "before-release": 2
    });
    expect(report.rowsIn).toBe(12);
    expect(report.rowsOut).toBe(3);
    expect(Array.from(data.ratings.userId)).toEqual([1, 3, 1]);
    expect(Array.from(data.ratings.movieId)).toEqual([10, 30, 20]);
    expect(Array.from(data.ratings.rating)).toEqual([2, 3, 4]);
    expect(Array.from(data.ratings.timestamp)).toEqual([day(1997, 11, 1), day(1997, 10, 1), day(1997, 10, 20)]);
  });

  it("gives examples with a reason for each removed row", () => {
    const {report} = cleanDataset(dataset(), {now: NOW});
    const rule = (name: string) => report.rules.find((r) => r.rule === name)!;
    expect(rule("missing-values").examples.map((e) => e.reason)).toEqual([
      "row 8: timestamp is missing",
      "row 9: rating is missing"
    ]);
    expect(rule("duplicates").examples).toEqual([
      {
        userId: 1,
        movieId: 10,
        rating: 4,
        timestamp: day(1997, 10, 1),
        reason: "row 1 repeats (user 1, movie 10); row 2 (rating 2 at 1997-11-01T00:00:00.000Z) is kept as the latest"
      }
    ]);
    expect(rule("implausible-time").examples.map((e) => e.reason)).toEqual([
      "row 11: timestamp 788832000 is before 1995 (1994-12-31T00:00:00.000Z)",
      "row 12: timestamp 1000000000000 is in the future (+033658-09-27T01:46:40.000Z)"
    ]);
    expect(rule("unknown-movie").examples[0].reason).toBe("row 3: movie 99 is not in the movies table");
    expect(rule("unknown-user").examples[0].reason).toBe("row 7: user 4 is not in the users table");
    expect(rule("before-release").examples.map((e) => e.reason)).toEqual([
      "row 4: rated 1997-10-01T00:00:00.000Z, movie 20 released 1997-10-15",
      "row 10: rated 1995-06-01T00:00:00.000Z, movie 40 released 1996-01-01"
    ]);
  });

  it("notes facts that removed nothing", () => {
    const {report} = cleanDataset(dataset());
    expect(report.notes).toEqual([
      '1 movie has no release date or year (30 "unknown"): its 1 rating is kept, the before-release rule cannot apply.',
      "1 movie has only a release year: the before-release rule compares with Jan 1 (UTC) of that year.",
      "1 movie has no ratings after cleaning (ids 40); it stays in the movies table.",
      "1 user has no ratings after cleaning (ids 2); it stays in the users table."
    ]);
  });

  it("never mutates its input", () => {
    const input = dataset();
    const before = JSON.stringify([...Object.values(input.ratings)].map((c) => Array.from(c)));
    cleanDataset(input);
    expect(JSON.stringify([...Object.values(input.ratings)].map((c) => Array.from(c)))).toBe(before);
  });

  it("keeps before-release ratings when the rule is off, and says how many", () => {
    const {report} = cleanDataset(dataset(), {beforeRelease: false});
    expect(report.rules.map((r) => r.rule)).not.toContain("before-release");
    expect(report.rowsOut).toBe(5);
    expect(report.notes).toContain(
      "Before-release rule is off: 2 ratings are dated before the movie's release and kept."
    );
  });

  it("skips the unknown-user rule without a users table and says so", () => {
    const {report} = cleanDataset(dataset(false));
    expect(report.rules.map((r) => r.rule)).not.toContain("unknown-user");
    expect(report.rowsOut).toBe(4); // row 7 (user 4) is kept now
    expect(report.notes[0]).toBe("No users table: ratings are not checked against user demographics.");
  });

  it("keeps the last row when duplicates share the latest timestamp", () => {
    const d = dataset(false);
    d.ratings = {
      userId: Int32Array.from([5, 5, 5, 6]),
      movieId: Int32Array.from([10, 10, 10, 10]),
      rating: Float32Array.from([1, 2, 3, 4]),
      timestamp: Float64Array.from([day(1997, 12, 1), day(1997, 12, 1), day(1997, 11, 1), day(1997, 12, 1)])
    };
    const {data, report} = cleanDataset(d);
    expect(removedByRule(report).duplicates).toBe(2);
    expect(Array.from(data.ratings.rating)).toEqual([2, 4]);
  });

  it("limits examples to maxExamples", () => {
    const d = dataset(false);
    const n = 13;
    d.ratings = {
      userId: new Int32Array(n).fill(1),
      movieId: new Int32Array(n).fill(99).fill(10, 12), // the last row is the one kept
      rating: new Float32Array(n).fill(3),
      timestamp: new Float64Array(n).fill(day(1997, 12, 1))
    };
    const {report} = cleanDataset(d);
    const dup = report.rules.find((r) => r.rule === "duplicates")!;
    expect(dup.removed).toBe(11);
    expect(dup.examples.length).toBe(5);
    expect(report.rules.find((r) => r.rule === "unknown-movie")!.removed).toBe(1);
    expect(cleanDataset(d, {maxExamples: 0}).report.rules.every((r) => r.examples.length === 0)).toBe(true);
  });
});

describe("cleanDataset on a set it empties", () => {
  it("throws a DataError naming the set and the rules that removed everything", () => {
    const d = dataset();
    d.ratings = {
      userId: Int32Array.from([1, 2]),
      movieId: Int32Array.from([98, 99]),
      rating: Float32Array.from([3, 4]),
      timestamp: Float64Array.from([day(1997, 10, 1), day(1997, 10, 2)])
    };
    expect(() => cleanDataset(d)).toThrow(
      '/hand: got "2 ratings", expected at least one rating left after cleaning, but the rules removed every one (unknown-movie 2)'
    );
  });
});

describe("cleanDataset invariants (property)", () => {
  const rowArb = fc.tuple(
    fc.integer({min: 1, max: 5}),
    fc.integer({min: 8, max: 45}),
    fc.oneof(fc.constant(NaN), fc.integer({min: 1, max: 5})),
    fc.oneof(fc.constant(NaN), fc.integer({min: day(1994, 1, 1), max: day(1998, 1, 1)}))
  );
  it("rowsIn - Σ removed === rowsOut, and the output has no missing values, duplicates or unknown ids", () => {
    fc.assert(
      fc.property(fc.array(rowArb, {maxLength: 60}), fc.boolean(), (rs, beforeRelease) => {
        const d = dataset();
        d.ratings = {
          userId: Int32Array.from(rs.map((r) => r[0])),
          movieId: Int32Array.from(rs.map((r) => r[1])),
          rating: Float32Array.from(rs.map((r) => r[2])),
          timestamp: Float64Array.from(rs.map((r) => r[3]))
        };
        let cleaned;
        try {
          cleaned = cleanDataset(d, {beforeRelease});
        } catch (e) {
          // Only a set that cleaning empties may throw, and it says so.
          expect((e as Error).message).toMatch(
            /^\/hand: got "(no ratings|\d+ ratings?)", expected at least one rating left after cleaning(, but the rules removed every one \(.+\))?$/
          );
          return;
        }
        const {data, report} = cleaned;
        const removed = report.rules.reduce((s, r) => s + r.removed, 0);
        expect(report.rowsIn).toBe(rs.length);
        expect(report.rowsIn - removed).toBe(report.rowsOut);
        expect(data.ratings.userId.length).toBe(report.rowsOut);
        const pairs = new Set<string>();
        for (let i = 0; i < report.rowsOut; i++) {
          const u = data.ratings.userId[i],
            m = data.ratings.movieId[i];
          expect(Number.isNaN(data.ratings.rating[i]) || Number.isNaN(data.ratings.timestamp[i])).toBe(false);
          expect([10, 20, 30, 40]).toContain(m);
          expect([1, 2, 3]).toContain(u);
          pairs.add(`${u}/${m}`);
        }
        expect(pairs.size).toBe(report.rowsOut);
      }),
      {numRuns: 200, seed: 7}
    );
  });
});
