/**
 * The data set a command runs on: --data (a directory, a set name under the data root, or
 * "synthetic"), else the workbench's selection chain (MOVIELAB_DATA, data/ml-100k, synthetic), as
 * options of openDataset. Evaluation keeps every rating (the noise rule is applied to training parts
 * inside the pipeline); training a final model cleans with every rule.
 */
import {resolve} from "node:path";
import type {CleanOptions} from "../../lib/data/clean.js";
import {defaultDataRoot} from "../../lib/node/data-root.js";
import {createProgress} from "../../lib/node/progress.js";
import type {OpenDatasetOptions} from "../../lib/node/open-dataset.js";
import {UsageError, type CommandContext, type OptionSpec} from "../cli-command.js";
import type {FileFormat} from "../../lib/data/detect-format.js";

/** --format: the layout to read when a directory holds the files of more than one. */
export const FORMAT_OPTION: OptionSpec = {
  type: "string",
  value: "ml-100k|ml-1m|csv",
  description: "the layout to read when the directory holds the files of more than one (default: the only one present)"
};

/** The --format option's layout, or undefined when not given; anything else is a usage error. */
export function formatOption(ctx: CommandContext): FileFormat | undefined {
  const v = ctx.options.format;
  if (v === undefined) return undefined;
  if (v === "ml-100k" || v === "ml-1m" || v === "csv") return v;
  throw new UsageError(`--format "${String(v)}": expected ml-100k, ml-1m or csv`, "movielab");
}

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
  },
  format: FORMAT_OPTION
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
  return {
    spec: resolved,
    env: ctx.env,
    dataRoot,
    cwd: ctx.cwd,
    allowDownload: false,
    clean,
    format: formatOption(ctx),
    onStep: readProgress(ctx)
  };
}

/** A progress bar over openDataset's steps (hash, read, clean, encode, cache) on a terminal, unless --json. */
export function readProgress(ctx: CommandContext): (done: number, total: number) => void {
  const progress = createProgress({
    label: "reading data",
    disabled: ctx.options.json === true || !ctx.stderrIsTTY,
    env: ctx.env,
    unit: "items"
  });
  return (done, total) => {
    progress.update(done, total);
    if (done === total) progress.finish();
  };
}
