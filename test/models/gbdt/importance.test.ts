import {describe, expect, it} from "vitest";
import {featureImportance} from "../../../lib/models/gbdt/importance.js";
import {trainGbdt} from "../../../lib/models/gbdt/train.js";
import {createRng} from "../../../lib/random.js";

describe("featureImportance", () => {
  const n = 2000;
  const rng = createRng(4);
  const features = new Float32Array(n * 3);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    features[3 * i] = rng.normal(); // signal
    features[3 * i + 1] = rng.normal(); // noise
    features[3 * i + 2] = rng.normal(); // weak signal
    labels[i] = features[3 * i] + 0.3 * features[3 * i + 2] + 0.3 * rng.normal() > 0 ? 1 : 0;
  }
  const model = trainGbdt(
    {features, labels, n, featureNames: ["a", "b", "c"]},
    {num_class: 2, n_estimators: 10, max_depth: 3}
  );

  it("weights sum to the number of splits and total gains to the sum of split gains", () => {
    const imp = featureImportance(model);
    let splits = 0;
    let gain = 0;
    for (const t of model.trees)
      t.feature.forEach((f, j) => {
        if (f >= 0) {
          splits++;
          gain += t.gain[j];
        }
      });
    expect(imp.reduce((a, x) => a + x.weight, 0)).toBe(splits);
    expect(imp.reduce((a, x) => a + x.total_gain, 0)).toBeCloseTo(gain, 6);
    for (const x of imp) expect(x.gain).toBeCloseTo(x.weight > 0 ? x.total_gain / x.weight : 0, 9);
    expect(imp.map((x) => x.name)).toEqual(["a", "b", "c"]);
  });

  it("ranks the signal feature first by total gain", () => {
    const imp = featureImportance(model);
    expect(imp[0].total_gain).toBeGreaterThan(imp[2].total_gain);
    expect(imp[2].total_gain).toBeGreaterThan(imp[1].total_gain);
  });
});
