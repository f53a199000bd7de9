/**
 * The bundle a site build ships instead of training its own: MOVIELAB_BUNDLE names a workbench bundle
 * file (from `movielab train classifier`, or `movielab train import-als` for factors trained in Spark).
 * It is validated as `serve` validates it, and it must be of the data set the site shows, so the
 * Predict page and the Recommendations page answer for the same users and movies.
 */
import {resolve} from "node:path";
import type {Bundle} from "../bundle/bundle.js";
import type {Dataset} from "../data/types.js";
import type {WorkbenchState} from "../bundle/workbench.js";
import {createBundleService} from "../serving/bundle-service.js";
import {loadBundle} from "./bundle-file.js";

/** The bundle MOVIELAB_BUNDLE names, checked against the site's (whole, cleaned) data set; null when it is unset. */
export async function siteBundle(
  dataset: Dataset,
  env: NodeJS.ProcessEnv = process.env
): Promise<{path: string; bundle: Bundle<WorkbenchState>} | null> {
  const given = env.MOVIELAB_BUNDLE;
  if (given === undefined || given === "") return null;
  const path = resolve(given);
  const bundle = await loadBundle<WorkbenchState>(path, {kind: "classifier"});
  createBundleService(bundle, path); // throws BundleError naming the file and the field
  // A bundle trained on a seeded user sample (train classifier --max-ratings) holds a subset of the users.
  const unknown = (what: string, bundleIds: Int32Array, siteIds: ArrayLike<number>): string | null => {
    const site = new Set(Array.from(siteIds));
    const missing = bundleIds.find((id) => !site.has(id));
    return missing === undefined ? null : `its ${what} include id ${missing}, which the site's set does not have`;
  };
  const problem =
    bundle.meta.dataset.name !== dataset.name
      ? `it was fitted on "${bundle.meta.dataset.name}", the site shows "${dataset.name}"`
      : (unknown("users", bundle.idMaps.users, dataset.userIds) ??
        unknown("movies", bundle.idMaps.movies, dataset.movies.id));
  if (problem !== null)
    throw new Error(
      `MOVIELAB_BUNDLE=${path}: ${problem}; expected a bundle fitted on the site's data set ` +
        "(set MOVIELAB_DATA to match, or unset MOVIELAB_BUNDLE)"
    );
  return {path, bundle};
}
