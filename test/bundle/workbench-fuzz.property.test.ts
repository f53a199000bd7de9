/**
 * Structure-aware fuzzing of the bundle loader: each case changes one field of a real workbench
 * bundle (a value, a length, a type, a missing key), writes it again so the CRC is valid, and
 * loads it. The loader must either refuse it with a BundleError, or give a service whose every
 * answer is well formed: no hang, no TypeError, no RangeError (the API would answer 500).
 */
import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {BundleError, parseBundle, serializeBundle, type Bundle} from "../../lib/bundle/bundle.js";
import type {WorkbenchState} from "../../lib/bundle/workbench.js";
import {smallWorkbenchText} from "../helpers/small-workbench.js";
import {createBundleService} from "../../lib/serving/bundle-service.js";
import {NotFoundError, type PredictionService} from "../../lib/serving/types.js";

const text = smallWorkbenchText({seed: 9, users: 40, movies: 60, ratings: 1500, trees: 3, neighbours: 8});

type Path = (string | number)[];

/** Every path to a value in the bundle (objects, arrays, typed arrays, scalars), titles and metadata text aside. */
function paths(v: unknown, path: Path = [], out: Path[] = []): Path[] {
  out.push(path);
  if (v === null || typeof v !== "object" || ArrayBuffer.isView(v)) return out;
  if (path[0] === "titles" || path[0] === "meta") return out;
  const entries = Array.isArray(v) ? v.map((x, i) => [i, x] as const) : Object.entries(v);
  for (const [k, x] of entries) if (Array.isArray(v) ? (k as number) < 4 : true) paths(x, [...path, k], out);
  return out;
}

const ALL_PATHS = paths(parseBundle(text, "fuzz.json")).filter((p) => p.length > 0);

const SPECIAL = [0, -1, 1, 2, 255, 256, 65535, 65536, 2 ** 31 - 1, -(2 ** 31), 1e300, -1e300, NaN, Infinity, 0.5];

/** One structure-aware change to the value at a path. */
type Mutation =
  | {op: "delete"}
  | {op: "null"}
  | {op: "number"; value: number}
  | {op: "string"}
  | {op: "entry"; at: number; value: number}
  | {op: "resize"; delta: number}
  | {op: "retype"; to: "Float64Array" | "Int32Array" | "Uint8Array" | "array"};

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constant<Mutation>({op: "delete"}),
  fc.constant<Mutation>({op: "null"}),
  fc.constant<Mutation>({op: "string"}),
  fc.record({op: fc.constant("number" as const), value: fc.constantFrom(...SPECIAL)}),
  fc.record({
    op: fc.constant("entry" as const),
    at: fc.nat({max: 10_000}),
    value: fc.oneof(fc.constantFrom(...SPECIAL), fc.integer({min: -70000, max: 70000}))
  }),
  fc.record({op: fc.constant("resize" as const), delta: fc.integer({min: -3, max: 3}).filter((d) => d !== 0)}),
  fc.record({
    op: fc.constant("retype" as const),
    to: fc.constantFrom("Float64Array" as const, "Int32Array" as const, "Uint8Array" as const, "array" as const)
  })
);

const CTORS = {Float64Array, Int32Array, Uint8Array};

function apply(bundle: Bundle<WorkbenchState>, path: Path, m: Mutation): void {
  let parent = bundle as unknown as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  const key = path[path.length - 1];
  const v = parent[key];
  const typed = ArrayBuffer.isView(v) ? (v as unknown as Float64Array) : null;
  switch (m.op) {
    case "delete":
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
      break;
    case "null":
      parent[key] = null;
      break;
    case "string":
      parent[key] = String(v);
      break;
    case "number":
      parent[key] = m.value;
      break;
    case "entry":
      if (typed && typed.length > 0) typed[m.at % typed.length] = m.value;
      else if (Array.isArray(v) && v.length > 0) v[m.at % v.length] = m.value;
      else parent[key] = m.value;
      break;
    case "resize":
      if (typed) {
        const Ctor = typed.constructor as Float64ArrayConstructor;
        const next = new Ctor(Math.max(0, typed.length + m.delta));
        next.set(typed.subarray(0, Math.min(typed.length, next.length)));
        parent[key] = next;
      } else if (Array.isArray(v)) {
        if (m.delta < 0) v.length = Math.max(0, v.length + m.delta);
        else v.push(...Array.from({length: m.delta}, () => v[0] ?? 0));
      } else parent[key] = typeof v === "number" ? v + m.delta : v;
      break;
    case "retype":
      if (typed) parent[key] = m.to === "array" ? Array.from(typed) : CTORS[m.to].from(typed);
      else if (Array.isArray(v) && v.every((x) => typeof x === "number") && m.to !== "array")
        parent[key] = CTORS[m.to].from(v as number[]);
      break;
  }
}

/** Calls every service method on a few known ids; throws when an answer is malformed. */
async function exercise(service: PredictionService, bundle: Bundle<WorkbenchState>): Promise<void> {
  const {users, movies} = bundle.idMaps;
  const pick = (ids: Int32Array) => [ids[0], ids[ids.length >> 1], ids[ids.length - 1]].filter((x) => x !== undefined);
  for (const u of pick(users)) {
    for (const m of pick(movies)) {
      const p = await service.predict(u, m);
      const total = p.probabilities.reduce((s, x) => s + x.p, 0);
      if (!(Math.abs(total - 1) < 1e-4 && Number.isFinite(p.expected)))
        throw new Error(`predict(${u}, ${m}) gave probabilities summing to ${total}, expected ${p.expected}`);
    }
    const r = await service.recommend(u, 5);
    if (r.items.some((it) => !Number.isFinite(it.score))) throw new Error(`recommend(${u}) gave a non-finite score`);
    await service.user(u);
  }
  await service.searchMovies("a", 5);
}

/** Loads a mutated bundle: "refused" (BundleError, naming the source), or "served" when every answer is sound. */
async function load(mutatedText: string): Promise<"refused" | "served"> {
  let service: PredictionService;
  let bundle: Bundle<WorkbenchState>;
  try {
    bundle = parseBundle<WorkbenchState>(mutatedText, "fuzz.json", {kind: "classifier"});
    service = createBundleService(bundle, "fuzz.json");
  } catch (e) {
    if (e instanceof BundleError && e.message.startsWith("fuzz.json: ")) return "refused";
    throw e;
  }
  try {
    await exercise(service, bundle);
  } catch (e) {
    if (e instanceof NotFoundError) return "served";
    throw e;
  }
  return "served";
}

describe("bundle loader under structure-aware fuzzing", () => {
  it("refuses or serves soundly every one-field change, with a valid CRC (fixed seed)", async () => {
    const outcomes = {refused: 0, served: 0};
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ALL_PATHS), mutation, async (path, m) => {
        const b = parseBundle<WorkbenchState>(text, "fuzz.json");
        apply(b, path, m);
        let mutatedText: string;
        try {
          mutatedText = serializeBundle(b);
        } catch {
          return; // not writable (e.g. a deleted root): nothing to load
        }
        outcomes[await load(mutatedText)]++;
      }),
      {seed: 20261206, numRuns: 1000}
    );
    console.log(`bundle fuzz: ${JSON.stringify(outcomes)}`);
    // Most one-field changes break the meaning and must be refused; some (a weight, a year) are harmless.
    expect(outcomes.refused).toBeGreaterThan(400);
    expect(outcomes.served).toBeGreaterThan(0);
  }, 60_000);
});
