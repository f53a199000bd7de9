/** The process's soft limit on open files, from /proc/self/limits (Linux); null where it cannot be read. */
import {readFileSync} from "node:fs";

export function openFileLimit(): number | null {
  try {
    const m = /^Max open files\s+(\d+|unlimited)/m.exec(readFileSync("/proc/self/limits", "utf8"));
    if (!m) return null;
    return m[1] === "unlimited" ? Infinity : Number(m[1]);
  } catch {
    return null;
  }
}
