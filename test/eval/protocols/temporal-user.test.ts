import {describe, expect, it} from "vitest";
import {DataError} from "../../../lib/data/errors.js";
import {temporalUserProtocol} from "../../../lib/eval/protocols/temporal-user.js";
import {foldRows, handMade, input, partitions, ROWS} from "./hand-made.js";

describe("temporal-user protocol", () => {
  it("pins leave-last-1-out with every user in one fold", () => {
    const p = temporalUserProtocol.folds(input(handMade()), {n: 1, partitions: 1});
    // Latest per user: user 0 row 3 (t 40), user 1 row 11 (t 55), user 2 row 8 (t 60).
    expect(foldRows(p.folds[0])).toEqual({train: [0, 1, 2, 4, 5, 6, 7, 9, 10], test: [3, 8, 11]});
    expect(p.folds[0].name).toBe("users1");
  });

  it("breaks ties in time by row order: of user 1's rows 6 and 9 (both t 35), row 9 is the later", () => {
    const p = temporalUserProtocol.folds(input(handMade()), {n: 2, partitions: 1});
    expect(foldRows(p.folds[0]).test).toEqual([2, 3, 7, 8, 9, 11]);
  });

  it("tests all of a user's ratings when the user has n or fewer, as LensKit's LastN", () => {
    const p = temporalUserProtocol.folds(input(handMade()), {n: 4, partitions: 1});
    // User 0 (4 ratings) and user 2 (3) go entirely to test; user 1 keeps its earliest (row 4, t 15).
    expect(foldRows(p.folds[0])).toEqual({train: [4], test: [0, 1, 2, 3, 5, 6, 7, 8, 9, 10, 11]});
  });

  it("tests each user in exactly one fold, with that user's latest ratings, the same for the same seed", () => {
    const d = handMade();
    for (const seed of [1, 2, 3]) {
      const p = temporalUserProtocol.folds(input(d, seed), {n: 2, partitions: 3});
      expect(p.folds.map((f) => f.name)).toEqual(["users1", "users2", "users3"]);
      const testUsers = p.folds.map((f) => [...new Set(foldRows(f).test.map((i) => ROWS[i][0]))]);
      expect(testUsers.flat().sort()).toEqual([0, 1, 2]);
      for (const f of p.folds) {
        expect(partitions(f)).toBe(true);
        const {train, test} = foldRows(f);
        for (const i of test) {
          const u = ROWS[i][0];
          // No training rating of a test user is later than any of its test ratings.
          expect(train.filter((j) => ROWS[j][0] === u).every((j) => ROWS[j][3] <= ROWS[i][3])).toBe(true);
        }
      }
      const again = temporalUserProtocol.folds(input(d, seed), {n: 2, partitions: 3});
      expect(again.folds.map(foldRows)).toEqual(p.folds.map(foldRows));
    }
  });

  it("cuts the shuffled users as np.array_split: 3 users in 2 folds give 2 and 1", () => {
    const p = temporalUserProtocol.folds(input(handMade(), 5), {n: 1, partitions: 2});
    expect(p.folds.map((f) => f.test.user.length)).toEqual([2, 1]);
  });

  it("refuses a set without rating times, and bad n or partitions", () => {
    expect(() => temporalUserProtocol.folds(input(handMade(0)))).toThrow(DataError);
    expect(() => temporalUserProtocol.folds(input(handMade()), {n: 0})).toThrow(/n is 0/);
    expect(() => temporalUserProtocol.folds(input(handMade()), {partitions: 4})).toThrow(/partitions is 4/);
  });
});
