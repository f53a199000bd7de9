/** The official u1 split alone: the figure GLocal-K, GC-MC and IGMC publish for ml-100k. */
import {officialFolds} from "./official.js";
import type {Protocol} from "./protocol.js";

/** u1.base for training and u1.test for testing, one fold (the hardest of the five). */
export const u1Protocol: Protocol = {
  name: "u1",
  description: "ml-100k's official split u1 alone (u1.base / u1.test), as GLocal-K, GC-MC and IGMC report",
  source: "GLocal-K (CIKM 2021) and GC-MC (2017) tables: ml-100k results on the canonical u1.base/u1.test split",
  tasks: ["rating", "ranking"],
  needs: "official",
  folds: (input) => officialFolds(input, "u1", ["u1"])
};
