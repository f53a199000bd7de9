/** Vose's alias method: after O(n) set-up, an index drawn with probability weight[i] / Σ weight in O(1). */
import type {Rng} from "./random.js";

/** Draw j uniformly, then keep j with probability prob[j], else take alias[j]. */
export interface AliasTable {
  prob: Float64Array;
  alias: Int32Array;
}

/** Vose's alias table for O(1) draws from a discrete distribution. */
export function aliasTable(weights: Float64Array): AliasTable {
  const n = weights.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += weights[i];
  const prob = new Float64Array(n);
  const alias = new Int32Array(n);
  const scaled = new Float64Array(n);
  const small = new Int32Array(n);
  const large = new Int32Array(n);
  let ns = 0,
    nl = 0;
  for (let i = 0; i < n; i++) {
    scaled[i] = (weights[i] * n) / total;
    if (scaled[i] < 1) small[ns++] = i;
    else large[nl++] = i;
  }
  while (ns > 0 && nl > 0) {
    const s = small[--ns];
    const l = large[--nl];
    prob[s] = scaled[s];
    alias[s] = l;
    scaled[l] += scaled[s] - 1;
    if (scaled[l] < 1) small[ns++] = l;
    else large[nl++] = l;
  }
  while (nl > 0) prob[large[--nl]] = 1;
  while (ns > 0) prob[small[--ns]] = 1;
  return {prob, alias};
}

/** One index drawn from the table (two random numbers). */
export function drawAlias(rng: Rng, table: AliasTable): number {
  const j = rng.int(table.prob.length);
  return rng.next() < table.prob[j] ? j : table.alias[j];
}
