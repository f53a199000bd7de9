import {describe, expect, it} from "vitest";
import {spawn} from "node:child_process";
import {existsSync, mkdtempSync, readdirSync, readFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {BIN} from "../helpers/run-cli.js";

/** Process ids whose command line mentions `needle` (Linux /proc). */
function processesMentioning(needle: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, "utf8").includes(needle)) found.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return found;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("bin/movielab.js", () => {
  it.skipIf(!existsSync("/proc/self/cmdline"))(
    "leaves no trainer behind when it is killed with SIGKILL, and --out is never written",
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "ml-launcher-kill-"));
      const out = join(dir, "model.json");
      const child = spawn(
        process.execPath,
        [BIN, "train", "classifier", "--data", "synthetic", "--out", out, "--rounds", "300", "--early-stopping", "0"],
        {env: {...process.env, MOVIELAB_OFFLINE: "1", MOVIELAB_NO_PROGRESS: "1"}, stdio: "ignore"}
      );
      const exited = new Promise((r) => child.on("exit", r));
      // Training is under way once the process tree has been running a while (start-up is under 2 s).
      await sleep(3000);
      expect(processesMentioning(out).length).toBeGreaterThan(0);
      child.kill("SIGKILL");
      await exited;
      await sleep(300);
      expect(processesMentioning(out)).toEqual([]);
      await sleep(1500);
      expect(existsSync(out)).toBe(false);
    },
    30_000
  );
});
