/** ml-100k's official five-fold cross-validation: u1..u5, whose test parts are disjoint and cover every rating. */
import {ratingFoldsFromRows} from "../../data/folds.js";
import type {Protocol, ProtocolFolds, ProtocolInput} from "./protocol.js";
import {requireOfficial} from "./requirements.js";

/** The named official splits of the input as folds (all given when names is absent); a DataError when the set has none. */
export function officialFolds(
  input: ProtocolInput,
  protocol: "official" | "u1",
  names?: readonly string[]
): ProtocolFolds {
  const all = requireOfficial(input, protocol);
  const rows = names === undefined ? all : all.filter((f) => names.includes(f.name));
  if (rows.length === 0)
    throw new RangeError(`protocol ${protocol}: the official rows given hold no split ${names?.join(", ")}`);
  const name = input.dataset.name;
  return {
    protocol,
    description:
      rows.length === 1
        ? `${name}'s official split ${rows[0].name} (${rows[0].name}.base / ${rows[0].name}.test)`
        : `${name}'s official folds ${rows[0].name}–${rows[rows.length - 1].name}`,
    folds: ratingFoldsFromRows(input.dataset, rows)
  };
}

/** The u1..u5 splits as shipped in ml-100k (mean ± sd over the five). */
export const officialProtocol: Protocol = {
  name: "official",
  description: "ml-100k's official folds u1..u5 (80/20 each, test parts disjoint), mean ± sd over the five",
  source: "ml-100k README (GroupLens): u1.base/u1.test … u5.base/u5.test, made by mku.sh",
  tasks: ["rating", "ranking"],
  needs: "official",
  folds: (input) => officialFolds(input, "official")
};
