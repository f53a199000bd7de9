// Runs the real launcher (bin/movielab.js: the compiled CLI in dist-cli/, or src/cli.ts through tsx, in one process) as a user would: offline, no progress bars.
import {spawn} from "node:child_process";
import {tmpdir} from "node:os";
import {join, resolve} from "node:path";

export const BIN = resolve(import.meta.dirname, "..", "..", "bin", "movielab.js");

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Where the spawned `cv` and `rank` file their run records: never the project's runs/ (ids are unique, so tests may share it). */
const RUNS_DIR = join(tmpdir(), "movielab-test-runs");

/** Spawns `movielab ...args`; env is added to the defaults (MOVIELAB_OFFLINE=1, MOVIELAB_NO_PROGRESS=1, MOVIELAB_RUNS_DIR a temporary directory). */
export function movielab(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: {...process.env, MOVIELAB_OFFLINE: "1", MOVIELAB_NO_PROGRESS: "1", MOVIELAB_RUNS_DIR: RUNS_DIR, ...env},
      stdio: ["ignore", "pipe", "pipe"]
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", fail);
    child.on("close", (code) => done({code, stdout, stderr}));
  });
}
