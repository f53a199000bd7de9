import {describe, expect, it} from "vitest";
import {DataError} from "../../../lib/data/errors.js";
import type {FoldRows} from "../../../lib/data/folds.js";
import {officialProtocol} from "../../../lib/eval/protocols/official.js";
import {u1Protocol} from "../../../lib/eval/protocols/u1.js";
import {PROTOCOL_NAMES, PROTOCOLS, isProtocolName, protocolNames} from "../../../lib/eval/protocols/index.js";
import {foldRows, handMade, input} from "./hand-made.js";

// Three hand-made "official" splits of the 12 rows; their test parts are disjoint and cover every row.
const rows = (xs: number[]) => Int32Array.from(xs);
const all = Array.from({length: 12}, (_, i) => i);
const SPLITS: FoldRows[] = [
  [0, 1, 2, 3],
  [4, 5, 6, 7],
  [8, 9, 10, 11]
].map((test, i) => ({name: `u${i + 1}`, test: rows(test), train: rows(all.filter((r) => !test.includes(r)))}));

describe("official and u1 protocols", () => {
  it("official: the given u1..uN splits as they are, named as they are", () => {
    const p = officialProtocol.folds(input(handMade(), 42, SPLITS));
    expect(p.folds.map((f) => f.name)).toEqual(["u1", "u2", "u3"]);
    expect(p.folds.map(foldRows)).toEqual(SPLITS.map((s) => ({train: Array.from(s.train), test: Array.from(s.test)})));
    expect(p.description).toBe("hand-made's official folds u1–u3");
  });

  it("u1: the u1 split alone", () => {
    const p = u1Protocol.folds(input(handMade(), 42, SPLITS));
    expect(p.folds.map((f) => f.name)).toEqual(["u1"]);
    expect(foldRows(p.folds[0])).toEqual({train: [4, 5, 6, 7, 8, 9, 10, 11], test: [0, 1, 2, 3]});
  });

  it("both refuse a set without official splits with a DataError naming the set and the fallback", () => {
    for (const p of [officialProtocol, u1Protocol]) {
      expect(() => p.folds(input(handMade()))).toThrow(DataError);
      expect(() => p.folds(input(handMade()))).toThrow(
        /hand-made: expected ml-100k's official split files.*--protocol kfold/
      );
    }
  });

  it("the index lists every protocol with a description and a source, by task", () => {
    expect(PROTOCOL_NAMES).toEqual(["official", "u1", "kfold", "msr", "temporal-global", "temporal-user"]);
    for (const name of PROTOCOL_NAMES) {
      expect(PROTOCOLS[name].name).toBe(name);
      expect(PROTOCOLS[name].description.length).toBeGreaterThan(20);
      expect(PROTOCOLS[name].source.length).toBeGreaterThan(20);
    }
    expect(protocolNames("ranking")).toContain("msr");
    expect(isProtocolName("kfold")).toBe(true);
    expect(isProtocolName("k-fold")).toBe(false);
  });
});
