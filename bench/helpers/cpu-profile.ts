/**
 * Where a benchmark's time goes: runs a function under V8's sampling CPU profiler (node:inspector)
 * and sums each function's self time, for the "profile" section a bench prints when a target is not
 * met. Functions are keyed by name and file; WebAssembly functions by the names of the assembler's
 * "name" section, in file "wasm". Sampling costs a little speed, so read the shares, not the milliseconds.
 */
import {Session} from "node:inspector/promises";
import {basename} from "node:path";

/** One function's self time: its name, file, milliseconds and share of all samples (0..1). */
export interface ProfileEntry {
  fn: string;
  where: string;
  selfMs: number;
  share: number;
}

interface ProfileNode {
  id: number;
  callFrame: {functionName: string; url: string};
}

/** Runs `run` under the profiler (sampling every intervalUs µs) and returns its result and the top functions by self time. */
export async function cpuProfile<T>(
  run: () => T | Promise<T>,
  top = 12,
  intervalUs = 250
): Promise<{result: T; totalMs: number; entries: ProfileEntry[]}> {
  const session = new Session();
  session.connect();
  try {
    await session.post("Profiler.enable");
    await session.post("Profiler.setSamplingInterval", {interval: intervalUs});
    await session.post("Profiler.start");
    const result = await run();
    const {profile} = (await session.post("Profiler.stop")) as {
      profile: {nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]};
    };
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const self = new Map<string, {fn: string; where: string; us: number}>();
    let total = 0;
    profile.samples.forEach((id, i) => {
      const us = profile.timeDeltas[i] ?? 0;
      const frame = byId.get(id)?.callFrame;
      if (frame === undefined || frame.functionName === "(idle)") return;
      total += us;
      const fn = frame.functionName || "(anonymous)";
      // Line numbers are of the code V8 ran (tsx's output, one line per module), so the file alone.
      const where = frame.url.startsWith("wasm://") ? "wasm" : frame.url ? basename(frame.url) : "";
      const key = `${fn}@${where}`;
      const entry = self.get(key) ?? {fn, where, us: 0};
      entry.us += us;
      self.set(key, entry);
    });
    const entries = [...self.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((e) => ({
        fn: e.fn,
        where: e.where,
        selfMs: Math.round(e.us / 100) / 10,
        share: Math.round((e.us / Math.max(total, 1)) * 1000) / 1000
      }));
    return {result, totalMs: Math.round(total / 100) / 10, entries};
  } finally {
    session.disconnect();
  }
}
