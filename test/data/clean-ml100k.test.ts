import {describe, expect, it} from "vitest";
import {cleanDataset} from "../../lib/data/clean.js";
import {encodeDataset} from "../../lib/data/encode.js";
import {beforeReleaseMask} from "../../lib/data/release-noise.js";
import {summarizeDataset} from "../../lib/data/summary.js";
import {readDatasetDir} from "../../lib/node/read-dataset-dir.js";
import {HAS_ML100K, ML100K_DIR} from "../helpers/ml100k.js";

describe.skipIf(!HAS_ML100K)("cleaning the real ml-100k", async () => {
  const raw = HAS_ML100K ? await readDatasetDir(ML100K_DIR) : undefined;

  it("removes exactly the 231 ratings dated before release and nothing else", () => {
    const {data, report} = cleanDataset(raw!);
    const removed = Object.fromEntries(report.rules.map((r) => [r.rule, r.removed]));
    expect(removed).toEqual({
      "missing-values": 0,
      "implausible-time": 0,
      duplicates: 0,
      "unknown-movie": 0,
      "unknown-user": 0,
      "before-release": 231
    });
    expect(report.rowsIn).toBe(100_000);
    expect(report.rowsOut).toBe(99_769);
    expect(data.ratings.userId.length).toBe(99_769);
    expect(report.rules.find((r) => r.rule === "before-release")!.examples).toHaveLength(5);
    // Item 267 has no release date: its 9 ratings stay, and the report says so.
    expect(
      report.notes.some((n) => /^1 movie has no release date or year \(267 .*its 9 ratings are kept/.test(n))
    ).toBe(true);
  });

  it("finds the same 231 through dense indices after encoding", () => {
    const e = encodeDataset(raw!);
    expect(e.userIds.length).toBe(943);
    const mask = beforeReleaseMask(e.ratings.movie, e.ratings.timestamp, e.movies);
    expect(mask.reduce((a, b) => a + b, 0)).toBe(231);
  });

  it("summarises the cleaned set", () => {
    const s = summarizeDataset(encodeDataset(cleanDataset(raw!).data));
    expect(s.counts).toEqual({ratings: 99_769, users: 943, movies: 1682, genres: 19});
    expect(s.firstRating!.slice(0, 10)).toBe("1997-09-20");
    expect(s.lastRating!.slice(0, 10)).toBe("1998-04-22");
    expect(s.perUser.min).toBeGreaterThanOrEqual(19);
  });
});
