/** The machine a run was timed on, for its record: timings mean little without the cores and the load beside them. */
import {arch, cpus, loadavg, platform} from "node:os";
import type {MachineInfo} from "../runs/record.js";

/** Node version, platform, logical cpus, cpu model and the load average now (no host name: records may be published). */
export function machineInfo(): MachineInfo {
  const list = cpus();
  return {
    node: process.version,
    platform: platform(),
    arch: arch(),
    cpus: list.length,
    cpu_model: list[0]?.model.trim() ?? "unknown",
    load_average: loadavg()
  };
}
