/**
 * Fits shared within a scope. A leaderboard fits the same model with the same parameters on the same
 * ratings more than once: BPMF's inner selection scores its three factor counts on a seeded hold-out
 * of the fold, and the blend scores the same three on the same hold-out (the same innerHoldout, the
 * same seed) before refitting the winner on the fold, as BPMF's own row does. Every fit is a pure
 * function of (model, parameters, training set), seeds included, so inside `sharingFits` a fit that
 * took at least `minSeconds` is kept and a later identical fit returns the kept state: the same bits,
 * without the seconds. Only expensive fits are kept, so the memory held is a few states, not every
 * kNN similarity matrix of a blend's grid.
 *
 * "The same training set" is decided by content, not by object: lazy folds and inner splits make a
 * new TrainSet object for the same rows each time. Entries are found by a 64-bit hash of the ratings'
 * columns, the counts, the scale, and the source rows, with the source data set's identity (computed
 * only when a kept fit of the same model and parameters exists, or when a fit is kept), and a hit is
 * then checked value by value against the training set the state was fitted on, so a collision of
 * the hash can never serve a state. The kept states' typed arrays are capped (FIT_CACHE_MAX_BYTES).
 *
 * The fits that go through it are the ones that repeat: a selection's inner fits and refit
 * (scoreCandidates, withInnerSelection), a blend's refits of its members, evaluateRanking's fit. A
 * harness's own fit of a model (fitModel) does not, since its fit options (a GBDT trainer) are not
 * part of the key.
 *
 * Scopes nest and may overlap (a depth count): the cache lives until the outermost scope ends.
 * A kept state is shared by every caller that gets it, which is safe because fitted states are
 * plain data that predictions read and never write.
 */
import type {Ratings} from "../data/types.js";
import type {TrainSet} from "./estimator.js";

/** What a scope saved: fits served from the cache and the seconds their first fits took. */
export interface FitCacheStats {
  hits: number;
  kept: number;
  /** Seconds the served fits took when first made (the time a scope saved). */
  savedSeconds: number;
}

interface Entry {
  train: string;
  /** The training set the state was fitted on: a hit is checked against it column by column, so a hash collision can never serve it. */
  fittedOn: TrainSet;
  state: unknown;
  seconds: number;
  bytes: number;
}

interface Cache {
  minSeconds: number;
  /** Bytes of typed arrays the kept states may hold in all; a state that would pass it is not kept. */
  maxBytes: number;
  bytes: number;
  /** Per model (by identity) and parameter key, the kept fits. */
  fits: WeakMap<object, Map<string, Entry[]>>;
  stats: FitCacheStats;
}

let active: Cache | null = null;
let depth = 0;
/** Seconds served from the cache since the process started, across scopes (for fit timings, see fitTimer). */
let servedSeconds = 0;

const datasetIds = new WeakMap<object, number>();
let nextDatasetId = 1;
const trainKeys = new WeakMap<TrainSet, string>();

/** Fits of at least this many seconds are kept by default: BPMF's and the FM's, not a kNN grid's. */
export const FIT_CACHE_MIN_SECONDS = 1;

/** The kept states' typed arrays hold at most this many bytes by default (256 MiB): past it, fits are made again. */
export const FIT_CACHE_MAX_BYTES = 256 * 2 ** 20;

/**
 * Runs fn with fit sharing on (see the module comment); a fit that took minSeconds or more (s, ≥ 0)
 * is kept until the outermost scope ends, while the kept states hold at most maxBytes of typed arrays.
 * Returns fn's result and what this scope saved.
 */
export async function sharingFits<T>(
  fn: () => Promise<T>,
  options: {minSeconds?: number; maxBytes?: number} = {}
): Promise<{result: T; stats: FitCacheStats}> {
  const minSeconds = options.minSeconds ?? FIT_CACHE_MIN_SECONDS;
  const maxBytes = options.maxBytes ?? FIT_CACHE_MAX_BYTES;
  if (!(minSeconds >= 0)) throw new RangeError(`minSeconds is ${minSeconds}: expected a number ≥ 0`);
  if (!(maxBytes >= 0)) throw new RangeError(`maxBytes is ${maxBytes}: expected a number ≥ 0`);
  active ??= {minSeconds, maxBytes, bytes: 0, fits: new WeakMap(), stats: {hits: 0, kept: 0, savedSeconds: 0}};
  const cache = active;
  const before = {...cache.stats};
  depth++;
  try {
    const result = await fn();
    const s = cache.stats;
    return {
      result,
      stats: {
        hits: s.hits - before.hits,
        kept: s.kept - before.kept,
        savedSeconds: s.savedSeconds - before.savedSeconds
      }
    };
  } finally {
    if (--depth === 0) active = null;
  }
}

/**
 * Starts timing a fit: the returned function gives the seconds since, plus the seconds of every fit served
 * from a cache meanwhile, counted as they took when first made (what the fit costs alone).
 */
export function fitTimer(): () => number {
  const t0 = performance.now(),
    reused0 = servedSeconds;
  return () => (performance.now() - t0) / 1000 + (servedSeconds - reused0);
}

/**
 * model.fit(train, params), or the state of an identical fit kept in the current scope. Outside a
 * scope it is exactly model.fit. `keep` (default true) says whether another caller may ask for the
 * same fit later; a caller that only repeats others' fits (a blend) passes false, so that its own
 * fits do not fill the cache.
 */
export function sharedFit<S>(
  model: {fit(train: TrainSet, params?: never): S},
  train: TrainSet,
  params?: unknown,
  keep = true
): S {
  const cache = active;
  if (cache === null) return model.fit(train, params as never);
  const served = lookup<S>(cache, model, train, params);
  if (served !== undefined) return served;
  const t0 = performance.now();
  const state = model.fit(train, params as never);
  if (keep) keepFit(cache, model, train, params, state, (performance.now() - t0) / 1000);
  return state;
}

function lookup<S>(cache: Cache, model: object, train: TrainSet, params: unknown): S | undefined {
  const p = paramsKey(params);
  const entries = p === null ? undefined : cache.fits.get(model)?.get(p);
  if (entries === undefined) return undefined;
  const key = trainKey(train);
  const hit = entries.find((e) => e.train === key && sameTrainSet(e.fittedOn, train));
  if (hit === undefined) return undefined;
  cache.stats.hits++;
  cache.stats.savedSeconds += hit.seconds;
  servedSeconds += hit.seconds;
  return hit.state as S;
}

function keepFit(cache: Cache, model: object, train: TrainSet, params: unknown, state: unknown, seconds: number): void {
  const p = paramsKey(params);
  if (p === null || seconds < cache.minSeconds || active !== cache) return;
  const bytes = typedBytes(state);
  if (cache.bytes + bytes > cache.maxBytes) return;
  let byParams = cache.fits.get(model);
  if (byParams === undefined) cache.fits.set(model, (byParams = new Map()));
  const entries = byParams.get(p) ?? [];
  entries.push({train: trainKey(train), fittedOn: train, state, seconds, bytes});
  byParams.set(p, entries);
  cache.bytes += bytes;
  cache.stats.kept++;
}

/** Bytes of the typed arrays a plain-data value holds (each buffer view counted once). */
export function typedBytes(value: unknown): number {
  const seen = new Set<object>();
  let total = 0;
  const walk = (v: unknown): void => {
    if (v === null || typeof v !== "object" || seen.has(v)) return;
    seen.add(v);
    if (ArrayBuffer.isView(v)) total += v.byteLength;
    else if (Array.isArray(v)) v.forEach(walk);
    else for (const x of Object.values(v)) walk(x);
  };
  walk(value);
  return total;
}

/** Whether two training sets hold the same ratings, counts, scale and source rows, value for value. */
function sameTrainSet(a: TrainSet, b: TrainSet): boolean {
  if (a === b) return true;
  if (a.nUsers !== b.nUsers || a.nMovies !== b.nMovies) return false;
  if (a.scale.min !== b.scale.min || a.scale.max !== b.scale.max || a.scale.step !== b.scale.step) return false;
  if (a.source?.dataset !== b.source?.dataset) return false;
  const same = (x: ArrayLike<number> | undefined, y: ArrayLike<number> | undefined) => {
    if (x === y) return true;
    if (x === undefined || y === undefined || x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return false;
    return true;
  };
  const r = a.ratings,
    q = b.ratings;
  return (
    same(r.user, q.user) &&
    same(r.movie, q.movie) &&
    same(r.rating, q.rating) &&
    same(r.timestamp, q.timestamp) &&
    same(a.source?.rows, b.source?.rows)
  );
}

/**
 * A canonical text of a parameter object (keys sorted, undefined and non-finite numbers kept distinct),
 * or null when it holds something that is not plain data (a function, a typed array): such a fit is
 * never shared.
 */
export function paramsKey(params: unknown): string | null {
  const walk = (v: unknown): string | null => {
    if (v === undefined) return "u";
    if (v === null) return "n";
    switch (typeof v) {
      case "number":
        return `#${Object.is(v, -0) ? "-0" : String(v)}`;
      case "string":
        return JSON.stringify(v);
      case "boolean":
        return v ? "t" : "f";
      case "object": {
        if (Array.isArray(v)) {
          const parts = v.map(walk);
          return parts.includes(null) ? null : `[${parts.join(",")}]`;
        }
        if (Object.getPrototypeOf(v) !== Object.prototype) return null;
        const parts: string[] = [];
        for (const k of Object.keys(v).sort()) {
          const s = walk((v as Record<string, unknown>)[k]);
          if (s === null) return null;
          parts.push(`${JSON.stringify(k)}:${s}`);
        }
        return `{${parts.join(",")}}`;
      }
      default:
        return null;
    }
  };
  return walk(params ?? {});
}

/** FNV-1a over 32-bit words, in two lanes with different offsets, as 16 hex digits. */
function hashWords(words: ArrayLike<number>[], seeds: [number, number] = [0x811c9dc5, 0x9747b28c]): string {
  let a = seeds[0] >>> 0,
    b = seeds[1] >>> 0;
  for (const w of words) {
    for (let i = 0; i < w.length; i++) {
      const x = w[i] | 0;
      a = Math.imul(a ^ x, 0x01000193);
      b = Math.imul(b ^ x ^ (a >>> 15), 0x5bd1e995);
    }
    a = Math.imul(a ^ w.length, 0x01000193);
  }
  // Murmur3's finaliser on each lane (and the other lane folded in): every input bit reaches every output bit.
  const fmix = (h: number) => {
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    return (h ^ (h >>> 16)) >>> 0;
  };
  const ha = fmix(a ^ Math.imul(b, 0x27d4eb2d)),
    hb = fmix(b ^ ha);
  return ha.toString(16).padStart(8, "0") + hb.toString(16).padStart(8, "0");
}

function words(a: ArrayBufferView): Int32Array {
  return new Int32Array(a.buffer, a.byteOffset, a.byteLength >> 2);
}

/** The content key of a training set (memoised per object). */
export function trainKey(train: TrainSet): string {
  const known = trainKeys.get(train);
  if (known !== undefined) return known;
  const r: Ratings = train.ratings;
  const dataset = train.source?.dataset;
  let id = 0;
  if (dataset !== undefined) {
    id = datasetIds.get(dataset) ?? nextDatasetId++;
    datasetIds.set(dataset, id);
  }
  const head = new Float64Array([train.nUsers, train.nMovies, train.scale.min, train.scale.max, train.scale.step, id]);
  const parts = [words(head), words(r.user), words(r.movie), words(r.rating), words(r.timestamp)];
  if (train.source) parts.push(words(train.source.rows));
  const key = `${r.rating.length}:${hashWords(parts)}`;
  trainKeys.set(train, key);
  return key;
}
