// Types of what scripts/loader-results.mjs exports, for the tests.
/** Loaders that always run: their output depends on more than their code, settings and data. */
export declare const NOT_STORED: Set<string>;
/** MOVIELAB_* settings that change no loader's output (left out of the key). */
export declare const OUTPUT_NEUTRAL: Set<string>;
/** Results kept per loader. */
export declare const STORE_KEEP: number;
/** The store's directory, or null when switched off. */
export declare function loaderStoreDir(root: string, env?: NodeJS.ProcessEnv): string | null;
/** The key of a loader's result under the settings in `env`, or null when it must run. */
export declare function loaderResultKey(root: string, name: string, env?: NodeJS.ProcessEnv): string | null;
/** Copies the stored result of (name, key) to `target`; false when there is none. */
export declare function restoreLoaderResult(store: string, name: string, key: string, target: string): boolean;
/** Files a loader's finished output under (name, key) and prunes the loader's older results. */
export declare function keepLoaderResult(store: string, name: string, key: string, file: string): void;
