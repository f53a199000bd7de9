/**
 * Puts latent factors trained elsewhere (Spark MLlib's ALS) into a workbench bundle as its ranker:
 * rows are matched to the bundle's users and movies by MovieLens id. What did not match is
 * counted and reported, never dropped silently: bundle users without factors get popularity,
 * movies without factors are never recommended from the factors, and factor ids the bundle does
 * not know are listed (a few examples) in the report and the bundle's metadata.
 */
import type {Bundle} from "./bundle.js";
import type {FactorRanker} from "./factor-ranker.js";
import type {WorkbenchState} from "./workbench.js";

/** One factor table: ids and their factors, row-major float32, `rank` per id. */
export interface FactorRows {
  ids: ArrayLike<number>;
  features: Float32Array;
  rank: number;
}

/** How one side matched: bundle rows with factors, bundle rows without, factor ids the bundle does not know. */
export interface MatchReport {
  matched: number;
  withoutFactors: number;
  unknownIds: number;
  unknownExamples: number[];
}

/** What attaching did, as the CLI prints it and the bundle's metadata records it. */
export interface AttachReport {
  name: string;
  rank: number;
  users: MatchReport;
  movies: MatchReport;
}

/** A copy of `bundle` whose ranker is the factors (the classifier and everything else unchanged). */
export function attachFactors(
  bundle: Bundle<WorkbenchState>,
  users: FactorRows,
  items: FactorRows,
  name = "als"
): {bundle: Bundle<WorkbenchState>; report: AttachReport} {
  if (users.rank !== items.rank)
    throw new RangeError(`user factors have rank ${users.rank}, movie factors rank ${items.rank}; expected one rank`);
  const rank = users.rank;
  const u = align(bundle.idMaps.users, users, "user");
  const m = align(bundle.idMaps.movies, items, "movie");
  const ranker: FactorRanker = {
    kind: "factors",
    name,
    rank,
    users: u.rows,
    items: m.rows,
    hasUser: u.has,
    hasItem: m.has
  };
  const report: AttachReport = {name, rank, users: u.report, movies: m.report};
  const meta = structuredClone(bundle.meta);
  meta.params = {...meta.params, ranker: name, neighbours: 0, factors: {...report}};
  return {bundle: {...bundle, meta, state: {...bundle.state, ranker}}, report};
}

/** The factor rows in the order of `idMap`, zero rows (and has = 0) where the table lacks an id. */
function align(idMap: ArrayLike<number>, t: FactorRows, what: string) {
  const index = new Map<number, number>();
  for (let i = 0; i < idMap.length; i++) index.set(idMap[i], i);
  const rows = new Float32Array(idMap.length * t.rank);
  const has = new Uint8Array(idMap.length);
  const unknownExamples: number[] = [];
  let unknownIds = 0;
  for (let r = 0; r < t.ids.length; r++) {
    const i = index.get(t.ids[r]);
    if (i === undefined) {
      if (unknownExamples.length < 5) unknownExamples.push(t.ids[r]);
      unknownIds++;
      continue;
    }
    has[i] = 1;
    rows.set(t.features.subarray(r * t.rank, (r + 1) * t.rank), i * t.rank);
  }
  const matched = has.reduce((a, b) => a + b, 0);
  if (matched === 0)
    throw new RangeError(
      `none of the ${t.ids.length} ${what} factor ids is a ${what} of the bundle (e.g. ${unknownExamples.join(", ")}): ` +
        `were the factors trained on another data set? Train ALS on \`movielab data export\`'s ratings.parquet of the bundle's set`
    );
  return {rows, has, report: {matched, withoutFactors: idMap.length - matched, unknownIds, unknownExamples}};
}
