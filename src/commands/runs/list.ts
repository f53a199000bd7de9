/** `movielab runs list`: the recorded runs, newest first, with their headline metric. */
import {readRunsDir, runsDirOf} from "../../../lib/node/runs-dir.js";
import {runListRows} from "../../../lib/runs/run-list.js";
import type {Command, CommandContext, OptionSpec} from "../../cli-command.js";
import {formatRunList} from "./format.js";

/** --runs-dir for the runs subcommands. */
export const RUNS_DIR: OptionSpec = {
  type: "string",
  value: "DIR",
  description: "where the run records are (default <repo>/runs, or MOVIELAB_RUNS_DIR)"
};

/** The runs directory the command reads. */
export function runsDirFor(ctx: CommandContext): string {
  return runsDirOf(ctx.options["runs-dir"] as string | undefined, ctx.env, ctx.cwd);
}

export const listCommand: Command = {
  name: "list",
  summary: "list the recorded runs: id, date, data, model, protocol, headline metric ± sd, fit time",
  description:
    "Reads every record in the runs directory, newest first. The headline metric is RMSE for rating models and nDCG\n" +
    "for top-N runs. A file that is not a valid record is named on stderr with the field that is wrong (exit 1).",
  options: {
    "runs-dir": RUNS_DIR,
    model: {type: "string", value: "NAME", description: "only the runs of this model"},
    dataset: {type: "string", value: "NAME", description: "only the runs on this data set (its name, e.g. ml-100k)"},
    json: {type: "boolean", description: "print the rows as JSON"}
  },
  async run(ctx) {
    const dir = runsDirFor(ctx);
    const {records, errors} = readRunsDir(dir);
    const rows = runListRows(records, {
      model: ctx.options.model as string | undefined,
      dataset: ctx.options.dataset as string | undefined
    });
    for (const e of errors) ctx.err(`movielab: skipped ${e.message}\n`);
    if (ctx.options.json === true) ctx.out(`${JSON.stringify(rows, null, 2)}\n`);
    else if (rows.length === 0)
      ctx.out(
        records.length === 0
          ? `no run records in ${dir}; 'movielab cv --model mf' (or 'movielab rank --model ease') makes one\n`
          : `no run in ${dir} matches (${records.length} records)\n`
      );
    else ctx.out(formatRunList(rows));
    return errors.length > 0 ? 1 : 0;
  }
};
