/**
 * `movielab runs reproduce RUN`: makes a recorded run again from its invocation, on the same data, and
 * checks that every per-fold figure is bit-identical (timings excluded). The re-run goes through the
 * same command (`main`), so what is checked is what `movielab cv` or `rank` does today.
 */
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {datasetFingerprint} from "../../../lib/lab/fingerprint.js";
import {openDataset} from "../../../lib/node/open-dataset.js";
import {findRun, readRunsDir} from "../../../lib/node/runs-dir.js";
import {comparedValues, foldDifferences} from "../../../lib/runs/reproduce-check.js";
import type {RunRecord} from "../../../lib/runs/record.js";
import type {Command, CommandContext} from "../../cli-command.js";
import {datasetOptions} from "../../options/dataset.js";
import {commandLine, invocationArgs} from "./format.js";
import {RUNS_DIR, runsDirFor} from "./list.js";
import {RUN_ARG} from "./show.js";

/** The argv that makes the run again, writing its record into `runsDir` and nothing to stdout but JSON. */
export function rerunArgv(r: RunRecord, runsDir: string): string[] {
  return [...invocationArgs(r.invocation!), "--json", "--runs-dir", runsDir];
}

/** The fingerprint of the data the invocation reads now (cv and rank both evaluate on every rating: beforeRelease off). */
async function fingerprintNow(ctx: CommandContext, r: RunRecord): Promise<string> {
  const inv = r.invocation!;
  const options = {...inv.options, data: inv.data, json: true};
  const {dataset} = await openDataset(datasetOptions({...ctx, options, cwd: inv.cwd}, {beforeRelease: false}));
  return datasetFingerprint(dataset);
}

const show = (x: number | string | undefined) =>
  x === undefined ? "(missing)" : typeof x === "number" ? String(x) : JSON.stringify(x);

export const reproduceCommand: Command = {
  name: "reproduce",
  summary: "run a recorded run again on the same data and check its per-fold figures are bit-identical",
  description:
    "Re-runs the record's command with its options as parsed, on the same data: it refuses (exit 1) when the data's\n" +
    "fingerprint differs from the record's. Every per-fold figure but the timings must be the same double, bit for bit.\n" +
    "Prints each figure that differs. Exit 0 when identical, 1 when not (or when the run cannot be made again).",
  args: [{name: "run", description: RUN_ARG}],
  options: {"runs-dir": RUNS_DIR},
  async run(ctx) {
    const {record, path} = findRun(runsDirFor(ctx), ctx.args[0], ctx.cwd);
    if (record.invocation === undefined)
      throw new Error(
        `${path}: the record has no invocation (a Lab run or an older record), so there is no command to run again`
      );
    const now = await fingerprintNow(ctx, record);
    if (now !== record.fingerprint) {
      ctx.err(
        `movielab: refusing to reproduce ${record.id}: the data at ${record.invocation.data} is not the data the run read\n` +
          `  recorded fingerprint ${record.fingerprint}\n  fingerprint now      ${now}\n`
      );
      return 1;
    }
    ctx.err(`reproducing ${record.id}: ${commandLine(record)}\n`);
    const tmp = mkdtempSync(join(tmpdir(), "movielab-reproduce-"));
    try {
      const {main} = await import("../../cli.js");
      const code = await main(rerunArgv(record, tmp), {
        out: () => {},
        err: ctx.err,
        env: ctx.env,
        cwd: record.invocation.cwd,
        stderrIsTTY: false
      });
      if (code !== 0) throw new Error(`the re-run of ${record.id} failed (exit ${code})`);
      const {records, errors} = readRunsDir(tmp);
      if (records.length !== 1 || errors.length > 0)
        throw new Error(`the re-run of ${record.id} wrote ${records.length} records, expected one`);
      const diffs = foldDifferences(record, records[0]);
      if (diffs.length === 0) {
        ctx.out(
          `${record.id}: bit-identical (${comparedValues(record)} per-fold values over ${record.folds.length} fold${record.folds.length === 1 ? "" : "s"}; timings not compared)\n`
        );
        return 0;
      }
      ctx.out(`${record.id}: ${diffs.length} per-fold ${diffs.length === 1 ? "value differs" : "values differ"}\n`);
      for (const d of diffs) ctx.out(`  ${d.fold} ${d.field}: recorded ${show(d.recorded)}, now ${show(d.rerun)}\n`);
      return 1;
    } finally {
      rmSync(tmp, {recursive: true, force: true});
    }
  }
};
