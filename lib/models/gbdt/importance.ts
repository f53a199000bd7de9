/**
 * Feature importance from the split gains stored in the trees, as XGBoost defines it:
 * weight (number of splits on the feature), total_gain (sum of loss changes) and
 * gain (total_gain / weight), keyed by feature index.
 */
import type {GbdtModel} from "./model.js";

export interface FeatureImportance {
  /** Feature index 0..d-1. */
  feature: number;
  /** Feature name when the model has names, else "f<index>". */
  name: string;
  /** Number of splits on this feature. */
  weight: number;
  /** Sum of the loss changes of those splits. */
  total_gain: number;
  /** Average loss change per split (0 when never used). */
  gain: number;
}

/** Importance of every feature (also unused ones, with zeros) over the trees predictions use (rounds 0..best_iteration by default). */
export function featureImportance(model: GbdtModel, rounds = model.best_iteration + 1): FeatureImportance[] {
  const d = model.num_feature;
  const weight = new Float64Array(d);
  const total = new Float64Array(d);
  const nTrees = Math.min(rounds, model.num_rounds) * model.num_group;
  for (let t = 0; t < nTrees; t++) {
    const tree = model.trees[t];
    for (let j = 0; j < tree.feature.length; j++) {
      const f = tree.feature[j];
      if (f < 0) continue;
      weight[f] += 1;
      total[f] += tree.gain[j];
    }
  }
  return Array.from({length: d}, (_, f) => ({
    feature: f,
    name: model.feature_names?.[f] ?? `f${f}`,
    weight: weight[f],
    total_gain: total[f],
    gain: weight[f] > 0 ? total[f] / weight[f] : 0
  }));
}
