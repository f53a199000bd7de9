// Types of what scripts/run-parallel.mjs exports, for the tests.
/** Runs `npm run <name>` for each name at once; resolves with each one's result. */
export declare function runParallel(
  names: string[],
  options?: {cwd?: string; env?: NodeJS.ProcessEnv; print?: (text: string) => void}
): Promise<{name: string; code: number; seconds: number; output: string}[]>;
