/**
 * Validation in meaning of a workbench (classifier) bundle. The CRC proves the bytes are the ones
 * written; it does not prove they make sense. A bundle that passes here has every array of the
 * right type and length, every index in range, every CSR offset monotone from 0 to its entry
 * count, and one rating scale throughout (bundle, feature pipeline, aggregates, class values,
 * GBDT classes), so serving it can neither hang (a backwards offset once made a loop of 2³¹
 * steps) nor fail on every request. Runs wherever a bundle is loaded: Node, the widget, a page.
 */
import {aggregateFeatureNames, classCount} from "../features/aggregates.js";
import {classValuesOf} from "../features/feature-matrix.js";
import {parseModel, type GbdtModel} from "../models/gbdt/model.js";
import type {ClassifierState} from "../models/classifier/pipeline.js";
import {BundleError, type Bundle} from "./bundle.js";
import {unpackModel, type WorkbenchState} from "./workbench.js";
import {isFactorRanker} from "./factor-ranker.js";

type TypedCtor =
  | Int32ArrayConstructor
  | Int16ArrayConstructor
  | Uint16ArrayConstructor
  | Uint8ArrayConstructor
  | Float32ArrayConstructor
  | Float64ArrayConstructor;

/** Checks that name their field in the bundle; each throws BundleError. */
class Checker {
  constructor(readonly source: string) {}

  fail(field: string, expected: string): never {
    throw new BundleError(this.source, `field "${field}" ${expected}`);
  }

  object(field: string, v: unknown): Record<string, unknown> {
    if (v === null || typeof v !== "object" || Array.isArray(v) || ArrayBuffer.isView(v))
      this.fail(field, `must be an object, got ${describe(v)}`);
    return v as Record<string, unknown>;
  }

  integer(field: string, v: unknown, min: number, max: number): number {
    if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max)
      this.fail(field, `must be an integer from ${min} to ${max}, got ${describe(v)}`);
    return v as number;
  }

  finite(field: string, v: unknown): number {
    if (typeof v !== "number" || !Number.isFinite(v)) this.fail(field, `must be a finite number, got ${describe(v)}`);
    return v as number;
  }

  strings(field: string, v: unknown, length?: number): string[] {
    if (!Array.isArray(v) || v.some((s) => typeof s !== "string")) this.fail(field, "must be an array of strings");
    if (length !== undefined && (v as string[]).length !== length)
      this.fail(field, `must hold ${length} strings, got ${(v as string[]).length}`);
    return v as string[];
  }

  /** A typed array of one of `types`, of `length` values when given. */
  typed<T extends ArrayLike<number>>(field: string, v: unknown, types: TypedCtor[], length?: number): T {
    const names = types.map((t) => t.name).join(" or ");
    if (!types.some((t) => v instanceof t)) this.fail(field, `must be a ${names}, got ${describe(v)}`);
    const a = v as unknown as T;
    if (length !== undefined && a.length !== length) this.fail(field, `must hold ${length} values, got ${a.length}`);
    return a;
  }

  /** Every value an integer index in [0, bound), or `missing` (a code for "none") when given. */
  indices(field: string, a: ArrayLike<number>, bound: number, missing?: number): void {
    for (let i = 0; i < a.length; i++) {
      const x = a[i];
      if (x === missing) continue;
      if (!(Number.isInteger(x) && x >= 0 && x < bound))
        this.fail(field, `entry ${i} is ${x}, expected an index from 0 to ${bound - 1}`);
    }
  }

  /** Every value finite (NaN allowed when `nan` is true: an unknown year or age). */
  finiteValues(field: string, a: ArrayLike<number>, nan = false, min = -Infinity): void {
    for (let i = 0; i < a.length; i++) {
      const x = a[i];
      if (nan && x !== x) continue;
      if (!(Number.isFinite(x) && x >= min))
        this.fail(field, `entry ${i} is ${x}, expected a finite number${min > -Infinity ? ` ≥ ${min}` : ""}`);
    }
  }

  /** A typed array of one of `types` and `length` values, every one finite. */
  finiteArray(field: string, v: unknown, types: TypedCtor[], length: number): void {
    this.finiteValues(field, this.typed(field, v, types, length));
  }

  /** CSR offsets: nRows + 1 values from 0, never decreasing, ending at the entry count. */
  offsets(field: string, v: unknown, nRows: number, nnz: number): Int32Array {
    const p = this.typed<Int32Array>(field, v, [Int32Array], nRows + 1);
    if (p[0] !== 0) this.fail(field, `must start at 0, got ${p[0]}`);
    for (let i = 0; i < nRows; i++)
      if (p[i + 1] < p[i]) this.fail(field, `must never decrease: entry ${i + 1} is ${p[i + 1]} after ${p[i]}`);
    if (p[nRows] !== nnz) this.fail(field, `must end at the entry count ${nnz}, got ${p[nRows]}`);
    return p;
  }
}

/**
 * Validates a workbench bundle's state against its envelope and returns the classifier ready to
 * predict (its GBDT model parsed); throws BundleError naming the first field that is wrong.
 */
export function validateWorkbench(bundle: Bundle<WorkbenchState>, source = "bundle"): ClassifierState {
  const c = new Checker(source);
  if (bundle.kind !== "classifier")
    throw new BundleError(source, `holds a ${bundle.kind} model, expected a classifier bundle`);
  const scale = bundle.scale;
  // Counted before the values are made: a step of 1e-300 must not allocate 10³⁰⁰ of them.
  const K = classCount(scale);
  if (!(
    K >= 2 &&
    K <= 255 &&
    Math.abs(scale.min + (K - 1) * scale.step - scale.max) <= 1e-9 * (1 + Math.abs(scale.max))
  ))
    c.fail("scale", `must be a grid min + k·step that reaches max in 2 to 255 values, got ${JSON.stringify(scale)}`);
  const classValues = classValuesOf(scale);
  const nUsers = bundle.idMaps.users.length;
  const nMovies = bundle.idMaps.movies.length;
  const s = c.object("state", bundle.state);
  c.integer("state.version", s.version, 1, 1);

  const mv = c.object("state.movies", s.movies);
  c.finiteValues("state.movies.year", c.typed("state.movies.year", mv.year, [Float64Array], nMovies), true);
  c.finiteValues(
    "state.movies.releaseDate",
    c.typed("state.movies.releaseDate", mv.releaseDate, [Float64Array], nMovies),
    true
  );
  const G = c.strings("state.movies.genreNames", mv.genreNames).length;
  c.indices("state.movies.genres", c.typed("state.movies.genres", mv.genres, [Uint8Array], nMovies * G), 2);

  if (s.users !== null) {
    const u = c.object("state.users", s.users);
    c.finiteValues("state.users.age", c.typed("state.users.age", u.age, [Float64Array], nUsers), true, 0);
    c.indices("state.users.gender", c.typed("state.users.gender", u.gender, [Uint8Array], nUsers), 2, 255);
    const occupations = c.strings("state.users.occupationNames", u.occupationNames).length;
    c.indices(
      "state.users.occupation",
      c.typed("state.users.occupation", u.occupation, [Uint8Array], nUsers),
      occupations,
      255
    );
  }

  if (s.ratings !== null) {
    const r = c.object("state.ratings", s.ratings);
    const movies = c.typed<ArrayLike<number>>("state.ratings.movies", r.movies, [Uint16Array, Int32Array]);
    c.offsets("state.ratings.indptr", r.indptr, nUsers, movies.length);
    c.indices("state.ratings.movies", movies, nMovies);
    c.indices("state.ratings.classes", c.typed("state.ratings.classes", r.classes, [Uint8Array], movies.length), K);
  }

  if (s.coldStart !== undefined && s.coldStart !== null) {
    const m = c.object("state.coldStart", s.coldStart);
    if (m.name !== "mf") c.fail("state.coldStart.name", `must be "mf", got ${describe(m.name)}`);
    const rank = c.integer("state.coldStart.rank", m.rank, 1, 4096);
    c.finite("state.coldStart.mean", m.mean);
    if (!(c.finite("state.coldStart.reg", m.reg) > 0))
      c.fail("state.coldStart.reg", `must be > 0, got ${describe(m.reg)}`);
    c.finiteArray("state.coldStart.itemBias", m.itemBias, [Float32Array], nMovies);
    c.finiteArray("state.coldStart.itemFactors", m.itemFactors, [Float32Array], nMovies * rank);
    c.object("state.coldStart.params", m.params);
  }

  c.finiteValues("state.popularity", c.typed("state.popularity", s.popularity, [Float32Array], nMovies), false, 0);

  if (isFactorRanker(s.ranker)) {
    const k = c.object("state.ranker", s.ranker);
    if (typeof k.name !== "string" || k.name === "") c.fail("state.ranker.name", "must be a non-empty string");
    const rank = c.integer("state.ranker.rank", k.rank, 1, 4096);
    c.finiteValues("state.ranker.users", c.typed("state.ranker.users", k.users, [Float32Array], nUsers * rank));
    c.finiteValues("state.ranker.items", c.typed("state.ranker.items", k.items, [Float32Array], nMovies * rank));
    c.indices("state.ranker.hasUser", c.typed("state.ranker.hasUser", k.hasUser, [Uint8Array], nUsers), 2);
    c.indices("state.ranker.hasItem", c.typed("state.ranker.hasItem", k.hasItem, [Uint8Array], nMovies), 2);
  } else if (s.ranker !== null) {
    const k = c.object("state.ranker", s.ranker);
    if (typeof k.name !== "string" || k.name === "") c.fail("state.ranker.name", "must be a non-empty string");
    c.integer("state.ranker.nMovies", k.nMovies, nMovies, nMovies);
    c.integer("state.ranker.neighbours", k.neighbours, 1, Math.max(1, nMovies));
    const weights = c.typed<Float32Array>("state.ranker.weights", k.weights, [Float32Array]);
    const indices = c.typed("state.ranker.indices", k.indices, [Uint16Array, Int32Array], weights.length);
    c.offsets("state.ranker.indptr", k.indptr, nMovies, weights.length);
    c.indices("state.ranker.indices", indices, nMovies);
    c.finiteValues("state.ranker.weights", weights);
  }

  return validateClassifier(c, c.object("state.classifier", s.classifier), bundle, {G, K, classValues});
}

function validateClassifier(
  c: Checker,
  cl: Record<string, unknown>,
  bundle: Bundle<WorkbenchState>,
  {G, K, classValues}: {G: number; K: number; classValues: number[]}
): ClassifierState {
  const nUsers = bundle.idMaps.users.length;
  const nMovies = bundle.idMaps.movies.length;
  const sameScale = (field: string, v: unknown) => {
    const x = c.object(field, v);
    if (x.min !== bundle.scale.min || x.max !== bundle.scale.max || x.step !== bundle.scale.step)
      c.fail(field, `must equal the bundle's scale ${JSON.stringify(bundle.scale)}, got ${JSON.stringify(x)}`);
  };
  const sameClasses = (field: string, v: unknown) => {
    if (!Array.isArray(v) || v.length !== K || v.some((x, k) => x !== classValues[k]))
      c.fail(field, `must be the scale's rating values [${classValues.join(", ")}], got ${describe(v)}`);
  };
  c.integer("state.classifier.version", cl.version, 1, 1);
  sameClasses("state.classifier.classValues", cl.classValues);
  c.finite("state.classifier.referenceTime", cl.referenceTime);

  const f = c.object("state.classifier.features", cl.features);
  c.integer("state.classifier.features.version", f.version, 1, 1);
  sameScale("state.classifier.features.scale", f.scale);
  sameClasses("state.classifier.features.classValues", f.classValues);
  c.integer("state.classifier.features.nUsers", f.nUsers, nUsers, nUsers);
  c.integer("state.classifier.features.nMovies", f.nMovies, nMovies, nMovies);
  c.integer("state.classifier.features.nGenres", f.nGenres, G, G);
  if (f.hasUsers !== (bundle.state.users !== null))
    c.fail("state.classifier.features.hasUsers", `must be ${bundle.state.users !== null} (state.users)`);
  const names = c.strings("state.classifier.features.names", f.names);

  const pca = c.object("state.classifier.features.pca", f.pca);
  c.integer("state.classifier.features.pca.nGenres", pca.nGenres, G, G);
  const nc = c.integer("state.classifier.features.pca.nComponents", pca.nComponents, 0, G);
  c.finiteArray("state.classifier.features.pca.mean", pca.mean, [Float64Array], G);
  c.finiteArray("state.classifier.features.pca.components", pca.components, [Float64Array], nc * G);

  const a = c.object("state.classifier.features.aggregates", f.aggregates);
  sameScale("state.classifier.features.aggregates.scale", a.scale);
  c.integer("state.classifier.features.aggregates.nClasses", a.nClasses, K, K);
  c.integer("state.classifier.features.aggregates.nGenres", a.nGenres, G, G);
  const opts = c.object("state.classifier.features.aggregates.options", a.options);
  if (!(typeof opts.priorCount === "number" && opts.priorCount >= 0 && Number.isFinite(opts.priorCount)))
    c.fail("state.classifier.features.aggregates.options.priorCount", "must be a finite number ≥ 0");
  for (const key of ["classShares", "genreAffinity"])
    if (typeof opts[key] !== "boolean")
      c.fail(`state.classifier.features.aggregates.options.${key}`, "must be true or false");
  const st = c.object("state.classifier.features.aggregates.stats", a.stats);
  c.finite("state.classifier.features.aggregates.stats.n", st.n);
  c.finite("state.classifier.features.aggregates.stats.sum", st.sum);
  const lengths: Record<string, number> = {
    classCount: K,
    userCount: nUsers,
    userSum: nUsers,
    userSumSq: nUsers,
    userResid: nUsers,
    userClassCount: nUsers * K,
    movieCount: nMovies,
    movieSum: nMovies,
    movieSumSq: nMovies,
    movieResid: nMovies,
    movieClassCount: nMovies * K,
    userGenreResid: nUsers * G,
    userGenreCount: nUsers * G
  };
  for (const [key, n] of Object.entries(lengths)) {
    const field = `state.classifier.features.aggregates.stats.${key}`;
    c.finiteValues(field, c.typed(field, st[key], [Float64Array], n));
  }
  const expected =
    (bundle.state.users !== null ? 3 : 0) +
    2 +
    nc +
    aggregateFeatureNames(a as unknown as Parameters<typeof aggregateFeatureNames>[0]).length;
  if (names.length !== expected)
    c.fail("state.classifier.features.names", `must name the pipeline's ${expected} columns, got ${names.length}`);

  let columns = names.length;
  if (cl.columnIndex !== null) {
    const index = c.typed<Int32Array>("state.classifier.columnIndex", cl.columnIndex, [Int32Array]);
    c.indices("state.classifier.columnIndex", index, names.length);
    columns = index.length;
  }
  c.strings("state.classifier.columnNames", cl.columnNames, columns);

  let model: GbdtModel;
  try {
    model = parseModel(unpackModel(cl.model as never));
  } catch (e) {
    return c.fail("state.classifier.model", `is not a valid model: ${(e as Error).message}`);
  }
  if (model.objective !== "multi:softprob" || model.num_class !== K)
    c.fail("state.classifier.model", `must be multi:softprob over the scale's ${K} classes, got ${model.objective}`);
  if (model.num_feature !== columns)
    c.fail("state.classifier.model", `must read ${columns} features (the kept columns), got ${model.num_feature}`);
  return {...(cl as unknown as ClassifierState), model};
}

function describe(v: unknown): string {
  if (v === null) return "null";
  if (ArrayBuffer.isView(v)) return `a ${v.constructor.name}`;
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === "object") return "an object";
  return String(v);
}
