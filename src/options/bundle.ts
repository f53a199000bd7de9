/**
 * The bundle a command reads: `--bundle FILE`, as `recommend` and `train import-als` name it.
 * `predict` and `serve` called it `--model FILE`, which still works there (same meaning, so nothing
 * changes silently); `recommend --model` is a recommender name, hence the one name for files.
 */
import {resolve} from "node:path";
import {UsageError, type CommandContext, type OptionSpec} from "../cli-command.js";

/** --bundle, and --model as its older name. */
export const BUNDLE_OPTIONS: Record<string, OptionSpec> = {
  bundle: {type: "string", value: "FILE", description: "trained bundle (movielab train classifier; required)"},
  model: {type: "string", value: "FILE", description: "the same as --bundle (its older name here)"}
};

/** The absolute path --bundle (or --model) names, or a UsageError naming the options. */
export function bundlePath(ctx: CommandContext, where: string): string {
  const {bundle, model} = ctx.options;
  if (bundle !== undefined && model !== undefined)
    throw new UsageError("--bundle and --model name the same file here; give one of them", where);
  const path = bundle ?? model;
  if (typeof path !== "string" || path === "") throw new UsageError("--bundle FILE is required", where);
  return resolve(ctx.cwd, path);
}
