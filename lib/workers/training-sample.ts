/**
 * The compact training sample the Training page retrains on in a Web Worker: feature rows of a
 * seeded sample of training rows (out-of-fold aggregates, as in a full fit) and of held-out rows,
 * with their class labels. Only features and labels ship — no user or movie ids, no timestamps — in
 * a zip: sample.json (names, sizes, the loader's notes) and the float32/uint8 arrays as raw members,
 * which any unzip tool shows.
 */
import {strFromU8, strToU8, unzipSync, zipSync} from "fflate";
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

/** What the zip's sample.json says beside the arrays: sizes, names, and the loader's own notes. */
export interface TrainingSampleMeta {
  format: typeof SAMPLE_FORMAT;
  featureNames: string[];
  classValues: number[];
  nTrain: number;
  nValid: number;
  /** Anything else the loader records (data set name, split, budget sample). */
  [key: string]: unknown;
}

/** The format name in sample.json; a file of another format is refused by name. */
export const SAMPLE_FORMAT = "movielab-training-sample/2";

/** The zip's members: sample.json and the four arrays (features column-major float32, labels uint8). */
const MEMBERS = {
  meta: "sample.json",
  trainFeatures: "train-features.f32",
  trainLabels: "train-labels.u8",
  validFeatures: "valid-features.f32",
  validLabels: "valid-labels.u8"
} as const;

/**
 * Packs a sample as a zip (lossless; extra is written into sample.json). Features are stored column
 * by column: a column's values (a user's mean, a genre flag) repeat and compress far better together
 * than interleaved with the other columns (ml-100k: 1.46 MB of base64 JSON → about 0.9 MB).
 */
export function packTrainingSample(s: TrainingSample, extra: Record<string, unknown> = {}): Uint8Array {
  const d = s.featureNames.length;
  const meta: TrainingSampleMeta = {
    ...extra,
    format: SAMPLE_FORMAT,
    featureNames: s.featureNames,
    classValues: s.classValues,
    nTrain: s.trainLabels.length,
    nValid: s.validLabels.length
  };
  const bytes = (f: Float32Array) => new Uint8Array(f.buffer, f.byteOffset, f.byteLength);
  return zipSync(
    {
      [MEMBERS.meta]: strToU8(JSON.stringify(meta)),
      [MEMBERS.trainFeatures]: bytes(transpose(s.trainFeatures, s.trainLabels.length, d)),
      [MEMBERS.trainLabels]: s.trainLabels,
      [MEMBERS.validFeatures]: bytes(transpose(s.validFeatures, s.validLabels.length, d)),
      [MEMBERS.validLabels]: s.validLabels
    },
    {level: 9, mtime: ZIP_TIME}
  );
}

/** Unpacks and checks a packed sample; a damaged or foreign file throws naming the member. */
export function unpackTrainingSample(zip: Uint8Array): {meta: TrainingSampleMeta; sample: TrainingSample} {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip);
  } catch (e) {
    throw new RangeError(`training sample: not a zip file (${(e as Error).message})`);
  }
  const member = (name: string): Uint8Array => {
    const f = files[name];
    if (f === undefined) throw new RangeError(`training sample: no member "${name}" in the zip`);
    return f;
  };
  let meta: TrainingSampleMeta;
  try {
    meta = JSON.parse(strFromU8(member(MEMBERS.meta))) as TrainingSampleMeta;
  } catch (e) {
    throw new RangeError(`training sample member "${MEMBERS.meta}": not JSON (${(e as Error).message})`);
  }
  if (meta.format !== SAMPLE_FORMAT)
    throw new RangeError(
      `training sample member "${MEMBERS.meta}": format ${JSON.stringify(meta.format)}, expected "${SAMPLE_FORMAT}"`
    );
  for (const key of ["nTrain", "nValid"] as const)
    if (!Number.isInteger(meta[key]) || meta[key] < 0)
      throw new RangeError(`training sample member "${MEMBERS.meta}": ${key} = ${meta[key]}, expected a count`);
  const d = meta.featureNames.length;
  const K = meta.classValues.length;
  const floats = (name: string, rows: number): Float32Array => {
    const bytes = member(name);
    if (bytes.length !== rows * d * 4)
      throw new RangeError(
        `training sample member "${name}": ${bytes.length} bytes, expected ${rows} rows × ${d} features × 4`
      );
    // Copy to an aligned buffer: an unzipped member may not start on a 4-byte boundary.
    return transpose(new Float32Array(bytes.slice().buffer), d, rows);
  };
  const labels = (name: string, rows: number): Uint8Array => {
    const out = member(name);
    if (out.length !== rows)
      throw new RangeError(`training sample member "${name}": ${out.length} labels, expected ${rows}`);
    const bad = out.findIndex((k) => k >= K);
    if (bad >= 0)
      throw new RangeError(
        `training sample member "${name}": label ${out[bad]} at row ${bad}, expected a class index 0..${K - 1}`
      );
    return out;
  };
  return {
    meta,
    sample: {
      featureNames: meta.featureNames.slice(),
      classValues: meta.classValues.slice(),
      trainFeatures: floats(MEMBERS.trainFeatures, meta.nTrain),
      trainLabels: labels(MEMBERS.trainLabels, meta.nTrain),
      validFeatures: floats(MEMBERS.validFeatures, meta.nValid),
      validLabels: labels(MEMBERS.validLabels, meta.nValid)
    }
  };
}

/** Zip entries' time: fixed, so the same sample gives the same bytes (and the same file hash in dist/). */
const ZIP_TIME = new Date("1980-06-01T12:00:00Z");

/** A rows × cols row-major matrix as cols × rows (its transpose, row-major). */
function transpose(m: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(m.length);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = m[i * cols + j];
  return out;
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
