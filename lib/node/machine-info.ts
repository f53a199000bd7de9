/** The machine a run was timed on, for its record: timings mean little without the cores and the load beside them. */
import {arch, cpus, loadavg, platform} from "node:os";
import type {MachineInfo} from "../runs/record.js";

/** Node version, platform, logical cpus, cpu model, the load average now and this process's peak RSS so far, MiB (no host name: records may be published). */
export function machineInfo(): MachineInfo {
  const list = cpus();
  return {
    node: process.version,
    platform: platform(),
    arch: arch(),
    cpus: list.length,
    cpu_model: list[0]?.model.trim() ?? "unknown",
    load_average: loadavg(),
    // maxRSS is in KiB (getrusage's ru_maxrss on Linux).
    peak_rss_mib: Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10
  };
}
