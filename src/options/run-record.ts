/**
 * --runs-dir and --no-record, shared by the commands that file a run record (`cv`, `rank`), and the
 * record's context: the invocation as parsed (so `runs reproduce` can make the run again), the code
 * version and the machine.
 */
import {codeVersion} from "../../lib/node/code-version.js";
import {machineInfo} from "../../lib/node/machine-info.js";
import {runsDirOf, writeRunRecord} from "../../lib/node/runs-dir.js";
import type {RunInvocation, RunKind, RunRecord} from "../../lib/runs/record.js";
import type {RecommenderCvJson} from "../../lib/reports/cv-result.js";
import type {CommandContext, OptionSpec} from "../cli-command.js";

export const RECORD_OPTIONS: Record<string, OptionSpec> = {
  "runs-dir": {
    type: "string",
    value: "DIR",
    description: "where the run record is written (default <repo>/runs, or MOVIELAB_RUNS_DIR)"
  },
  "no-record": {type: "boolean", description: "do not write a run record"}
};

/** Options that change only what is printed or where the record goes, not the run: left out of the invocation. */
const OUTPUT_ONLY = new Set(["json", "help", "runs-dir", "no-record"]);

/** The invocation of this command: its path, its options as parsed and the data set it read (a directory or "synthetic"). */
export function invocationOf(ctx: CommandContext, command: string[], dataDir: string | null): RunInvocation {
  const options: Record<string, string | boolean> = {};
  for (const [k, v] of Object.entries(ctx.options)) if (v !== undefined && !OUTPUT_ONLY.has(k)) options[k] = v;
  return {command, options, data: dataDir ?? "synthetic", cwd: ctx.cwd};
}

/** The record with its kind, invocation, code version and machine. */
export function withRunContext(record: RecommenderCvJson, kind: RunKind, invocation: RunInvocation): RunRecord {
  return {...record, kind, invocation, code: codeVersion(), machine: machineInfo()};
}

/** Writes the record unless --no-record; says where on stderr unless --json. Returns the path, or null. */
export async function fileRunRecord(ctx: CommandContext, record: RunRecord): Promise<string | null> {
  if (ctx.options["no-record"] === true) return null;
  const dir = runsDirOf(ctx.options["runs-dir"] as string | undefined, ctx.env, ctx.cwd);
  const path = await writeRunRecord(dir, record);
  if (ctx.options.json !== true) ctx.err(`run record: ${path}\n`);
  return path;
}
