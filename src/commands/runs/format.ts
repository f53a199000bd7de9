/** Text forms of run records for `movielab runs`: aligned columns, a record's fields and per-fold table. */
import type {RunListRow} from "../../../lib/runs/run-list.js";
import type {RunInvocation, RunRecord} from "../../../lib/runs/record.js";
import {isTiming} from "../../../lib/runs/record.js";

/** Rows as left-aligned columns (numbers right-aligned), two spaces apart. */
export function columns(rows: string[][], right: ReadonlySet<number> = new Set()): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => (right.has(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
        .join("  ")
        .trimEnd()
    )
    .join("\n");
}

/** The runs list as a table. */
export function formatRunList(rows: readonly RunListRow[]): string {
  const table = [
    ["id", "date", "data", "model", "protocol", "metric", "mean ± sd", "fit s", "peak MiB"],
    ...rows.map((r) => [
      r.id,
      r.created_at.slice(0, 16).replace("T", " "),
      r.dataset,
      r.model,
      r.protocol,
      r.metric ?? "",
      r.mean === null ? "" : `${r.mean.toFixed(4)} ± ${(r.sd ?? 0).toFixed(4)}`,
      r.fit_seconds.toFixed(3),
      r.peak_rss_mib === null ? "" : r.peak_rss_mib.toFixed(0)
    ])
  ];
  return `${columns(table, new Set([6, 7, 8]))}\n`;
}

/** The arguments after `movielab` that make the run again: its command path and options, --data the set it read. */
export function invocationArgs(inv: RunInvocation): string[] {
  const options: Record<string, string | boolean> = {...inv.options, data: inv.data};
  return [
    ...inv.command,
    ...Object.entries(options).flatMap(([k, v]) => (v === true ? [`--${k}`] : v === false ? [] : [`--${k}`, v]))
  ];
}

/** The command line that makes the run again (as `runs reproduce` runs it), quoted for a shell; null when not recorded. */
export function commandLine(r: RunRecord): string | null {
  if (r.invocation === undefined) return null;
  const words = invocationArgs(r.invocation).map((w) => (/^[\w@%+=:,./-]+$/.test(w) ? w : JSON.stringify(w)));
  return ["movielab", ...words].join(" ");
}

const ms = (m: {mean: number; sd: number}, d = 4) => `${m.mean.toFixed(d)} ± ${m.sd.toFixed(d)}`;

/** Every field of a record, then one row per fold with every metric, the sizes and the timings. */
export function formatRunShow(r: RunRecord, path: string): string {
  const lines: string[][] = [
    ["id", r.id],
    ["file", path],
    ["kind", r.kind ?? "cv"],
    ["source", r.source],
    ["created", r.created_at],
    ["data", `${r.dataset} (${r.n_ratings} ratings)`],
    ["fingerprint", r.fingerprint],
    ["model", `${r.model} (${r.description})`],
    ["protocol", r.protocol],
    ["seed", String(r.seed)],
    ...Object.entries(r.params).map(([k, v]) => [`param ${k}`, JSON.stringify(v)]),
    ["command", commandLine(r) ?? "(not recorded: a Lab run or an older record; it cannot be reproduced)"],
    [
      "code",
      r.code
        ? `movielab ${r.code.version}, commit ${r.code.commit ?? "unknown"}, dirty ${r.code.dirty ?? "unknown"}`
        : "(not recorded)"
    ],
    [
      "machine",
      r.machine
        ? `node ${r.machine.node} ${r.machine.platform}/${r.machine.arch}, ${r.machine.cpus} cpus (${r.machine.cpu_model}), load ${r.machine.load_average.map((x) => x.toFixed(2)).join(" ")}${r.machine.peak_rss_mib === undefined ? "" : `, peak RSS ${r.machine.peak_rss_mib.toFixed(0)} MiB`}`
        : "(not recorded)"
    ],
    ...(r.rmse ? [["rmse", ms(r.rmse)]] : []),
    ...(r.mae ? [["mae", ms(r.mae)]] : []),
    ...Object.entries(r.metrics ?? {}).map(([k, v]) => [k, ms(v)]),
    ["fit s", ms(r.fit_seconds, 3)],
    ["predict s", ms(r.predict_seconds, 3)],
    ["wall s", r.wall_seconds.toFixed(3)]
  ];
  const fields = [...new Set(r.folds.flatMap((f) => Object.keys(f)))].filter((k) => k !== "fold");
  const metricFields = fields.filter((k) => !isTiming(k) && !["n_train", "n_test", "fallbacks", "users"].includes(k));
  const tail = [
    "n_train",
    "n_test",
    "fallbacks",
    ...fields.filter((k) => k === "users"),
    "fit_seconds",
    "predict_seconds"
  ];
  const header = ["fold", ...metricFields, ...tail];
  const folds = [
    header,
    ...r.folds.map((f) => [
      f.fold,
      ...[...metricFields, ...tail].map((k) => {
        const x = f[k];
        if (typeof x !== "number") return "";
        return isTiming(k) ? x.toFixed(3) : Number.isInteger(x) ? String(x) : x.toFixed(4);
      })
    ])
  ];
  return `${columns(lines)}\n\n${columns(folds, new Set(header.map((_, i) => i).slice(1)))}\n`;
}
