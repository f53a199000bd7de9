// Types of what scripts/cli-inputs.mjs exports, for the tests and benchmarks.
export type Stamps = Record<string, [size: number, mtimeMs: number]>;
/** The compiled CLI's folder, relative to the project root. */
export declare const OUT_DIR: string;
/** {path relative to root: [size in bytes, mtime in ms]} for every input file of the compiled CLI. */
export declare function inputStamps(root: string): Stamps;
/** Why `recorded` no longer describes `now`, naming one file; null when they agree. */
export declare function staleReason(recorded: Stamps, now: Stamps): string | null;
/** The current compiled CLI's src/cli.js, or null and why it cannot be used. */
export declare function currentBuild(root: string): {entry: string; reason: null} | {entry: null; reason: string};
