/**
 * The data set a command runs on: --data (a directory, a set name under the data root, or
 * "synthetic"), else the workbench's selection chain (MOVIELAB_DATA, data/ml-100k, synthetic), as
 * options of openDataset. Evaluation keeps every rating (the noise rule is applied to training parts
 * inside the pipeline); training a final model cleans with every rule.
 */
import {resolve} from "node:path";
import type {CleanOptions} from "../../lib/data/clean.js";
import {defaultDataRoot} from "../../lib/node/data-root.js";
import type {OpenDatasetOptions} from "../../lib/node/open-dataset.js";
import type {CommandContext, OptionSpec} from "../cli-command.js";

export const DATA_OPTIONS: Record<string, OptionSpec> = {
  data: {
    type: "string",
    value: "DIR|NAME|synthetic",
    description:
      "data set: a MovieLens directory, a set name under the data root, or synthetic (default: MOVIELAB_DATA, else data/ml-100k, else synthetic)"
  },
  "data-root": {
    type: "string",
    value: "DIR",
    description: "where named sets live (default <repo>/data, or MOVIELAB_DATA_ROOT)"
  }
};

/** openDataset's options for the command's --data and --data-root, cleaned as `clean` says; commands never download. */
export function datasetOptions(ctx: CommandContext, clean: CleanOptions): OpenDatasetOptions {
  const dataRoot =
    typeof ctx.options["data-root"] === "string"
      ? resolve(ctx.cwd, ctx.options["data-root"])
      : defaultDataRoot(ctx.env);
  const spec = typeof ctx.options.data === "string" ? ctx.options.data : undefined;
  // Relative directories are relative to the command's cwd, not the process's.
  const resolved =
    spec !== undefined && (spec.startsWith(".") || spec.includes("/")) && !spec.startsWith("~")
      ? resolve(ctx.cwd, spec)
      : spec;
  return {spec: resolved, env: ctx.env, dataRoot, cwd: ctx.cwd, allowDownload: false, clean};
}
