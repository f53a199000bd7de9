/** Loads a model bundle file into a PredictionService for the CLI and the server, failing with the file's name. */
import type {WorkbenchState} from "../../lib/bundle/workbench.js";
import {loadBundle} from "../../lib/node/bundle-file.js";
import {createBundleService} from "../../lib/serving/bundle-service.js";
import type {PredictionService} from "../../lib/serving/types.js";
import type {Bundle} from "../../lib/bundle/bundle.js";

/** Reads, validates and opens a classifier bundle; throws BundleError naming path and problem. */
export async function loadServiceFromFile(
  path: string
): Promise<{service: PredictionService; bundle: Bundle<WorkbenchState>}> {
  const bundle = await loadBundle<WorkbenchState>(path, {kind: "classifier"});
  return {service: createBundleService(bundle, path), bundle};
}
