// Types of what scripts/build-cli.mjs exports, for the tests and benchmarks.
/** Builds the compiled CLI for the sources under root unless a build of exactly these inputs exists, and makes it current. */
export declare function buildCli(
  root: string
): Promise<{entry: string; build: string; built: boolean; seconds: number}>;
