// Types of what scripts/loader-deps.mjs exports, for the tests.
/** The relative specifiers a module imports, in source order, without duplicates. */
export declare function relativeImports(source: string): string[];
/** The file a relative specifier names from `from`, or null. */
export declare function resolveImport(from: string, specifier: string): string | null;
/** Every module `entry` reaches through relative imports, itself included (real paths, sorted). */
export declare function closureOf(entry: string, read?: (file: string) => string): string[];
/** The data loaders under a Framework root, as real paths. */
export declare function loaderFiles(root: string): string[];
/** The MOVIELAB_* settings a loader's output depends on, as one stable string. */
export declare function settingsKey(env?: NodeJS.ProcessEnv): string;
/** A hash of a loader's closure and the settings. */
export declare function closureHash(files: string[], project: string, settings?: string): string;
/** What identifies the data set the loaders read (file names, sizes, times), cheaply. */
export declare function dataFingerprint(project: string, env?: NodeJS.ProcessEnv): string;
/** Where Framework caches a loader's output. */
export declare function cachedOutputOf(root: string, loaderKey: string): string;
/** Restores or re-runs (touches) the loaders whose closure hash changed; returns them with the reason. */
export declare function refreshLoaders(options: {
  root: string;
  project: string;
  env?: NodeJS.ProcessEnv;
  changed?: string[];
  now?: Date;
}): {loader: string; because: string[]; restored: boolean}[];
