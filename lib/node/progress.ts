/**
 * A one-line progress bar on stderr for downloads and long CLI runs. It draws only when the
 * stream is a TTY and it is not disabled (`--json`, MOVIELAB_NO_PROGRESS=1), so piped output
 * and logs never fill with carriage returns.
 */

export interface ProgressOptions {
  /** Text before the bar (e.g. "ml-100k.zip"). */
  label: string;
  /** Where to draw (default process.stderr). */
  stream?: NodeJS.WriteStream;
  /** Force off (e.g. `--json`); when true nothing is ever written. */
  disabled?: boolean;
  /** Environment consulted for MOVIELAB_NO_PROGRESS (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Minimum milliseconds between redraws (default 100). */
  intervalMs?: number;
  /** Units of `done` and `total`: "bytes" prints MB, "items" prints counts (default "bytes"). */
  unit?: "bytes" | "items";
}

export interface Progress {
  /** Whether this bar draws at all. */
  readonly enabled: boolean;
  /** Reports `done` of `total` (total ≤ 0 or NaN when unknown); redraws at most every intervalMs. */
  update(done: number, total: number): void;
  /** Draws the final state and ends the line. */
  finish(): void;
}

/** Creates a progress bar; a disabled one is a no-op with the same interface. */
export function createProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  const env = options.env ?? process.env;
  const enabled = !options.disabled && stream.isTTY === true && env.MOVIELAB_NO_PROGRESS !== "1";
  const interval = options.intervalMs ?? 100;
  const unit = options.unit ?? "bytes";
  let last = -Infinity;
  let lastDone = 0;
  let lastTotal = 0;
  let drawn = false;

  const draw = (): void => {
    const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - options.label.length - 30));
    stream.write(`\r${formatProgress(options.label, lastDone, lastTotal, width, unit)}\x1b[K`);
    drawn = true;
  };

  return {
    enabled,
    update(done, total) {
      if (!enabled) return;
      lastDone = done;
      lastTotal = total;
      const now = Date.now();
      if (now - last < interval) return;
      last = now;
      draw();
    },
    finish() {
      if (!enabled || (!drawn && lastDone === 0)) return;
      draw();
      stream.write("\n");
    }
  };
}

/**
 * One progress line: `label [#####.....]  45%  2.2/4.9 MB`; without a known total,
 * `label 2.2 MB`. width is the bar's width in characters (≥ 1).
 */
export function formatProgress(
  label: string,
  done: number,
  total: number,
  width: number,
  unit: "bytes" | "items" = "bytes"
): string {
  const amount = (n: number): string => (unit === "bytes" ? (n / 1e6).toFixed(1) : String(Math.round(n)));
  const suffix = unit === "bytes" ? " MB" : "";
  if (!(total > 0)) return `${label} ${amount(done)}${suffix}`;
  const fraction = Math.min(1, Math.max(0, done / total));
  const filled = Math.round(fraction * width);
  const bar = "#".repeat(filled) + ".".repeat(width - filled);
  const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
  return `${label} [${bar}] ${percent}  ${amount(done)}/${amount(total)}${suffix}`;
}
