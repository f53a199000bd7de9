import {describe, expect, it} from "vitest";
import {stratifiedSplit} from "../../lib/eval/split.js";
import {labelsOf} from "../../lib/features/feature-matrix.js";
import {strToU8, unzipSync, zipSync} from "fflate";
import {buildTrainingSample, packTrainingSample, unpackTrainingSample} from "../../lib/workers/training-sample.js";
import {randomDataset, withRatings} from "../features/tiny-dataset.js";

const ds = randomDataset(40, 30, 5);
const all = Int32Array.from({length: ds.ratings.rating.length}, (_, i) => i);
const split = stratifiedSplit(labelsOf(ds, all), 0.25, 2);

describe("training sample", () => {
  it("samples the asked rows, capped at what exists, and round-trips exactly through its zip", () => {
    const s = buildTrainingSample(ds, split.train, split.test, {
      nTrain: 100,
      nValid: 10_000,
      seed: 1,
      features: {nComponents: 2}
    });
    const d = s.featureNames.length;
    expect(s.trainLabels).toHaveLength(100);
    expect(s.validLabels).toHaveLength(split.test.length);
    expect(s.trainFeatures).toHaveLength(100 * d);
    expect(s.classValues).toEqual([1, 2, 3, 4, 5]);
    const zip = packTrainingSample(s, {name: "tiny"});
    const {meta, sample: back} = unpackTrainingSample(zip);
    expect(meta).toMatchObject({
      name: "tiny",
      nTrain: 100,
      nValid: split.test.length,
      format: "movielab-training-sample/2"
    });
    // The same sample gives the same bytes (fixed entry times): the file's hash in dist/ is stable.
    expect(packTrainingSample(s, {name: "tiny"})).toEqual(zip);
    // Features are stored column by column: the first column's values come first.
    const col0 = new Float32Array(unzipSync(zip)["train-features.f32"].slice().buffer).subarray(0, 100);
    expect(Array.from(col0)).toEqual(Array.from({length: 100}, (_, i) => s.trainFeatures[i * d]));
    expect(back.featureNames).toEqual(s.featureNames);
    // toEqual treats NaN as equal to NaN: missing features survive.
    expect(Array.from(back.trainFeatures)).toEqual(Array.from(s.trainFeatures));
    expect(Array.from(back.validFeatures)).toEqual(Array.from(s.validFeatures));
    expect(Array.from(back.trainLabels)).toEqual(Array.from(s.trainLabels));
    expect(Array.from(back.validLabels)).toEqual(Array.from(s.validLabels));
  });

  it("is seeded", () => {
    const a = buildTrainingSample(ds, split.train, split.test, {
      nTrain: 50,
      nValid: 20,
      seed: 3,
      features: {nComponents: 2}
    });
    const b = buildTrainingSample(ds, split.train, split.test, {
      nTrain: 50,
      nValid: 20,
      seed: 3,
      features: {nComponents: 2}
    });
    expect(Array.from(a.trainFeatures)).toEqual(Array.from(b.trainFeatures));
  });

  it("never reads the validation ratings: permuting them leaves every feature unchanged", () => {
    const rating = ds.ratings.rating.slice();
    const testRatings = Array.from(split.test, (r) => rating[r]).reverse();
    split.test.forEach((r, i) => (rating[r] = testRatings[i]));
    const a = buildTrainingSample(ds, split.train, split.test, {
      nTrain: 80,
      nValid: 40,
      seed: 4,
      features: {nComponents: 2}
    });
    const b = buildTrainingSample(withRatings(ds, rating), split.train, split.test, {
      nTrain: 80,
      nValid: 40,
      seed: 4,
      features: {nComponents: 2}
    });
    expect(Array.from(b.trainFeatures)).toEqual(Array.from(a.trainFeatures));
    expect(Array.from(b.validFeatures)).toEqual(Array.from(a.validFeatures));
  });

  it("names the member of a damaged or foreign file", () => {
    const zip = packTrainingSample(
      buildTrainingSample(ds, split.train, split.test, {nTrain: 20, nValid: 5, seed: 1, features: {nComponents: 2}})
    );
    const files = unzipSync(zip);
    const meta = JSON.parse(new TextDecoder().decode(files["sample.json"]));
    const redo = (changes: Record<string, Uint8Array | undefined>) => {
      const out: Record<string, Uint8Array> = {};
      for (const [k, v] of Object.entries({...files, ...changes})) if (v) out[k] = v;
      return zipSync(out);
    };
    const withMeta = (m: object) => redo({"sample.json": strToU8(JSON.stringify(m))});
    expect(() => unpackTrainingSample(strToU8("not a zip"))).toThrow(/training sample: not a zip file/);
    expect(() => unpackTrainingSample(withMeta({...meta, nTrain: 21}))).toThrow(
      /"train-features.f32": \d+ bytes, expected 21 rows/
    );
    expect(() => unpackTrainingSample(redo({"valid-labels.u8": undefined}))).toThrow(/no member "valid-labels.u8"/);
    expect(() => unpackTrainingSample(redo({"sample.json": strToU8("{")}))).toThrow(/"sample.json": not JSON/);
    expect(() => unpackTrainingSample(withMeta({...meta, format: "movielab-training-sample/1"}))).toThrow(
      /format "movielab-training-sample\/1", expected "movielab-training-sample\/2"/
    );
    expect(() => unpackTrainingSample(withMeta({...meta, classValues: [1, 2]}))).toThrow(
      /label \d at row \d+, expected a class index 0..1/
    );
  });
});
