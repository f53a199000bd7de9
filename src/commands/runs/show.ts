/** `movielab runs show RUN`: every field of one record and its per-fold table. */
import {findRun} from "../../../lib/node/runs-dir.js";
import type {Command} from "../../cli-command.js";
import {formatRunShow} from "./format.js";
import {RUNS_DIR, runsDirFor} from "./list.js";

/** The RUN argument's description, shared by show, compare and reproduce. */
export const RUN_ARG = "a run id, a unique prefix of one, or the path of a record file";

export const showCommand: Command = {
  name: "show",
  summary: "show one run record: every field, the command that makes it again, and a per-fold table",
  args: [{name: "run", description: RUN_ARG}],
  options: {"runs-dir": RUNS_DIR, json: {type: "boolean", description: "print the record as JSON"}},
  async run(ctx) {
    const {record, path} = findRun(runsDirFor(ctx), ctx.args[0], ctx.cwd);
    ctx.out(ctx.options.json === true ? `${JSON.stringify(record, null, 2)}\n` : formatRunShow(record, path));
    return 0;
  }
};
