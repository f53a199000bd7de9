/** `movielab runs compare RUN RUN…`: runs side by side, and paired over folds when they share data and protocol. */
import {compareRows} from "../../../lib/lab/compare.js";
import {findRun} from "../../../lib/node/runs-dir.js";
import {pairedDifferences, whyNotPaired} from "../../../lib/runs/paired-comparison.js";
import {lowerIsBetter, type RunRecord} from "../../../lib/runs/record.js";
import type {Command} from "../../cli-command.js";
import {columns} from "./format.js";
import {RUNS_DIR, runsDirFor} from "./list.js";
import {RUN_ARG} from "./show.js";

const sign = (x: number) => (x >= 0 ? `+${x.toFixed(5)}` : x.toFixed(5));

/** The paired comparison of `b` against `a` as text, or why it is not made. */
export function formatPaired(a: RunRecord, b: RunRecord): string {
  const head = `${b.id} against ${a.id}`;
  const why = whyNotPaired(a, b);
  if (why.length > 0) return `${head}: not comparable fold by fold (${why.join("; ")})\n`;
  const rows = pairedDifferences(a, b).map((d) => [
    d.metric,
    sign(d.mean),
    d.sd.toFixed(5),
    d.t === null ? "" : d.t.toFixed(2),
    `${d.bBetter}/${d.n}`,
    lowerIsBetter(d.metric) ? "lower" : "higher"
  ]);
  return (
    `${head}: paired over ${a.folds.length} fold${a.folds.length === 1 ? "" : "s"} (same data, protocol ${a.protocol}, seed ${a.seed})\n` +
    `${columns([["metric", "mean diff", "sd diff", `t (df ${a.folds.length - 1})`, "better folds", "better is"], ...rows], new Set([1, 2, 3, 4]))}\n`
  );
}

export const compareCommand: Command = {
  name: "compare",
  summary: "compare runs side by side; paired over folds when they share data, protocol and split seed",
  description:
    "One column per run, one row per field (differing rows marked *): data, fingerprint, model, protocol, seed, the\n" +
    "parameters that differ, every metric's mean ± sd and each fold's RMSE. Then each run against the first: the mean\n" +
    "and sd of the per-fold differences, the paired t statistic and how many folds it wins, when both runs read the\n" +
    "same data (fingerprint) with the same protocol, seed and folds; otherwise it says why the folds cannot be paired.",
  args: [
    {name: "run", description: RUN_ARG},
    {name: "run", description: "another run; more may follow", repeats: true}
  ],
  options: {
    "runs-dir": RUNS_DIR,
    json: {type: "boolean", description: "print the rows and the paired differences as JSON"}
  },
  async run(ctx) {
    const dir = runsDirFor(ctx);
    const runs = ctx.args.map((ref) => findRun(dir, ref, ctx.cwd).record);
    const rows = compareRows(runs).filter((r) => r.values.some((v) => v !== ""));
    const pairs = runs.slice(1).map((b) => {
      const why = whyNotPaired(runs[0], b);
      return {
        a: runs[0].id,
        b: b.id,
        comparable: why.length === 0,
        why,
        differences: why.length === 0 ? pairedDifferences(runs[0], b) : []
      };
    });
    if (ctx.options.json === true) {
      ctx.out(`${JSON.stringify({runs: runs.map((r) => r.id), rows, pairs}, null, 2)}\n`);
      return 0;
    }
    const table = [
      ["", ...runs.map((r) => r.id)],
      ...rows.map((r) => [`${r.differs ? "* " : "  "}${r.label}`, ...r.values])
    ];
    ctx.out(
      `${columns(table)}\n\n${runs
        .slice(1)
        .map((b) => formatPaired(runs[0], b))
        .join("\n")}`
    );
    return 0;
  }
};
