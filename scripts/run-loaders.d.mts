// Types of what scripts/run-loaders.mjs exports, for the tests.
/** Loaders known to be slow, slowest first. */
export declare const SLOW_FIRST: string[];
/** How many loaders run at once: MOVIELAB_BUILD_JOBS, else the cores available, at most 2. */
export declare function loaderJobs(env?: NodeJS.ProcessEnv): number;
/** The data loaders under notebooks/data (their output names), slow ones first. */
export declare function dataLoaders(root: string): string[];
/** CPU seconds of this process's exited children (Linux /proc/self/stat), or null. */
export declare function childCpuSeconds(): number | null;
/** Runs every data loader, `jobs` at a time (or restores it from the result store); rejects naming the loaders that failed. */
export declare function runLoaders(options: {
  root: string;
  cache: string;
  jobs?: number;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}): Promise<{
  seconds: Record<string, number>;
  cpuSeconds: Record<string, number>;
  restored: string[];
  wallSeconds: number;
  jobs: number;
}>;
