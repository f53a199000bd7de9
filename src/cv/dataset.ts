/**
 * The data set a `cv` or `train` command runs on: --data (a directory, a set name under the data
 * root, or "synthetic"), else the workbench's selection chain (MOVIELAB_DATA, data/ml-100k, synthetic).
 * Evaluation keeps every rating (the noise rule is applied to training parts inside the pipeline);
 * training a final model cleans with every rule. Official ml-100k folds are read when present.
 */
import {existsSync} from "node:fs";
import {join, resolve} from "node:path";
import {cleanDataset} from "../../lib/data/clean.js";
import {encodeDataset} from "../../lib/data/encode.js";
import type {Dataset} from "../../lib/data/types.js";
import {officialFoldRows, type FoldRows} from "../../lib/data/folds.js";
import {defaultDataRoot} from "../../lib/node/data-root.js";
import {OFFICIAL_FOLDS, readOfficialFolds} from "../../lib/node/official-folds.js";
import {selectDataset} from "../../lib/node/open-dataset.js";
import type {CommandContext, OptionSpec} from "../cli-command.js";

export const DATA_OPTIONS: Record<string, OptionSpec> = {
  data: {type: "string", value: "DIR|NAME|synthetic", description: "data set: a MovieLens directory, a set name under the data root, or synthetic (default: MOVIELAB_DATA, else data/ml-100k, else synthetic)"},
  "data-root": {type: "string", value: "DIR", description: "where named sets live (default <repo>/data, or MOVIELAB_DATA_ROOT)"}
};

export interface LoadedDataset {
  dataset: Dataset;
  /** Directory the files came from (null for synthetic data). */
  dir: string | null;
  synthetic: boolean;
}

/** Reads, cleans and encodes the data set the command names; beforeRelease: apply the noise rule now (train) or leave it to the pipeline (cv). */
export async function loadCommandDataset(ctx: CommandContext, {beforeRelease}: {beforeRelease: boolean}): Promise<LoadedDataset> {
  const root = typeof ctx.options["data-root"] === "string" ? resolve(ctx.cwd, ctx.options["data-root"]) : defaultDataRoot(ctx.env);
  const spec = typeof ctx.options.data === "string" ? ctx.options.data : undefined;
  // Relative directories are relative to the command's cwd, not the process's.
  const resolved = spec !== undefined && (spec.startsWith(".") || spec.includes("/")) && !spec.startsWith("~") ? resolve(ctx.cwd, spec) : spec;
  const {raw} = await selectDataset({spec: resolved, env: ctx.env, dataRoot: root, allowDownload: false});
  const dataset = encodeDataset(cleanDataset(raw, {beforeRelease}).data);
  return {dataset, dir: raw.source.dir ?? null, synthetic: raw.source.kind === "synthetic"};
}

/** True when dir holds ml-100k's official u1..u5 split files. */
export function hasOfficialFolds(dir: string | null): boolean {
  return dir !== null && OFFICIAL_FOLDS.every((f) => existsSync(join(dir, `${f}.base`)) && existsSync(join(dir, `${f}.test`)));
}

/** Row indices of the official u1..u5 folds of an ml-100k directory. */
export async function readOfficialFoldRows(dataset: Dataset, dir: string): Promise<FoldRows[]> {
  return officialFoldRows(dataset, await readOfficialFolds(dir));
}
