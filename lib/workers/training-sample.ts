/**
 * The compact training sample the Training page retrains on in a Web Worker: feature rows of a
 * seeded sample of training rows (out-of-fold aggregates, as in a full fit) and of held-out rows,
 * with their class labels. Only features and labels ship — no user or movie ids, no timestamps —
 * as zlib-compressed float32/uint8 bytes in base64 so the JSON stays small.
 */
import {unzlibSync, zlibSync} from "fflate";
import type {Dataset} from "../data/types.js";
import {buildFeatures, fitFeaturePipeline, labelsOf, type FeaturePipelineInput} from "../features/feature-matrix.js";
import {createRng} from "../random.js";

/** Decoded sample: row-major float32 features (NaN = missing) and class indices 0..K−1. */
export interface TrainingSample {
  featureNames: string[];
  classValues: number[];
  trainFeatures: Float32Array;
  trainLabels: Uint8Array;
  validFeatures: Float32Array;
  validLabels: Uint8Array;
}

/** The JSON form: the same arrays as base64 of zlib-compressed little-endian bytes. */
export interface EncodedTrainingSample {
  featureNames: string[];
  classValues: number[];
  nTrain: number;
  nValid: number;
  trainFeatures: string;
  trainLabels: string;
  validFeatures: string;
  validLabels: string;
}

/**
 * Fits the feature pipeline on trainRows (row indices into dataset.ratings) and builds the features
 * of a seeded sample of nTrain of its surviving training rows and nValid of validRows (each capped at
 * what exists). Every transform sees the training rows only, as in fitClassifier.
 */
export function buildTrainingSample(
  dataset: Dataset,
  trainRows: Int32Array,
  validRows: Int32Array,
  {nTrain, nValid, seed, features = {}}: {nTrain: number; nValid: number; seed: number; features?: FeaturePipelineInput}
): TrainingSample {
  const state = fitFeaturePipeline(dataset, trainRows, {...features, aggregates: {seed, ...features.aggregates}});
  const train = buildFeatures(state, dataset, trainRows, {forTraining: true});
  const valid = buildFeatures(state, dataset, validRows, {forTraining: false});
  const rng = createRng(seed);
  const pickTrain = sampleIndices(train.rows.length, nTrain, rng);
  const pickValid = sampleIndices(valid.rows.length, nValid, rng);
  const d = state.names.length;
  return {
    featureNames: state.names.slice(),
    classValues: state.classValues.slice(),
    trainFeatures: gatherRows(train.features, d, pickTrain),
    trainLabels: Uint8Array.from(
      labelsOf(
        dataset,
        Int32Array.from(pickTrain, (i) => train.rows[i])
      )
    ),
    validFeatures: gatherRows(valid.features, d, pickValid),
    validLabels: Uint8Array.from(
      labelsOf(
        dataset,
        Int32Array.from(pickValid, (i) => valid.rows[i])
      )
    )
  };
}

/** Encodes a sample for JSON (lossless). */
export function encodeTrainingSample(s: TrainingSample): EncodedTrainingSample {
  return {
    featureNames: s.featureNames,
    classValues: s.classValues,
    nTrain: s.trainLabels.length,
    nValid: s.validLabels.length,
    trainFeatures: pack(new Uint8Array(s.trainFeatures.buffer, s.trainFeatures.byteOffset, s.trainFeatures.byteLength)),
    trainLabels: pack(s.trainLabels),
    validFeatures: pack(new Uint8Array(s.validFeatures.buffer, s.validFeatures.byteOffset, s.validFeatures.byteLength)),
    validLabels: pack(s.validLabels)
  };
}

/** Decodes and checks an encoded sample; a size mismatch throws naming the field. */
export function decodeTrainingSample(e: EncodedTrainingSample): TrainingSample {
  const d = e.featureNames.length;
  const K = e.classValues.length;
  const floats = (field: "trainFeatures" | "validFeatures", rows: number): Float32Array => {
    const bytes = unpack(e[field], field);
    if (bytes.length !== rows * d * 4)
      throw new RangeError(
        `training sample field "${field}": ${bytes.length} bytes, expected ${rows} rows × ${d} features × 4`
      );
    // Copy to an aligned buffer: the inflated bytes may not start on a 4-byte boundary.
    return new Float32Array(bytes.slice().buffer);
  };
  const labels = (field: "trainLabels" | "validLabels", rows: number): Uint8Array => {
    const out = unpack(e[field], field);
    if (out.length !== rows)
      throw new RangeError(`training sample field "${field}": ${out.length} labels, expected ${rows}`);
    const bad = out.findIndex((k) => k >= K);
    if (bad >= 0)
      throw new RangeError(
        `training sample field "${field}": label ${out[bad]} at row ${bad}, expected a class index 0..${K - 1}`
      );
    return out;
  };
  return {
    featureNames: e.featureNames.slice(),
    classValues: e.classValues.slice(),
    trainFeatures: floats("trainFeatures", e.nTrain),
    trainLabels: labels("trainLabels", e.nTrain),
    validFeatures: floats("validFeatures", e.nValid),
    validLabels: labels("validLabels", e.nValid)
  };
}

/** The first n of a seeded permutation of 0..total−1, sorted (n capped at total). */
function sampleIndices(total: number, n: number, rng: ReturnType<typeof createRng>): Int32Array {
  const all = Int32Array.from({length: total}, (_, i) => i);
  rng.shuffle(all);
  return all.slice(0, Math.min(n, total)).sort();
}

function gatherRows(features: Float32Array, d: number, rows: Int32Array): Float32Array {
  const out = new Float32Array(rows.length * d);
  for (let i = 0; i < rows.length; i++) out.set(features.subarray(rows[i] * d, rows[i] * d + d), i * d);
  return out;
}

function pack(bytes: Uint8Array): string {
  const z = zlibSync(bytes, {level: 9});
  let s = "";
  // Chunked: String.fromCharCode(...big) overflows the argument limit.
  for (let i = 0; i < z.length; i += 0x8000) s += String.fromCharCode(...z.subarray(i, i + 0x8000));
  return btoa(s);
}

function unpack(text: string, field: string): Uint8Array {
  let bin: string;
  try {
    bin = atob(text);
  } catch {
    throw new RangeError(`training sample field "${field}": not base64`);
  }
  const z = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  try {
    return unzlibSync(z);
  } catch (e) {
    throw new RangeError(`training sample field "${field}": not zlib data (${(e as Error).message})`);
  }
}
