// Types of what scripts/build.mjs exports, for the tests.
/** Hosts that must never appear in the built site (outside <a href> links in HTML). */
export declare const FORBIDDEN_HOSTS: string[];
/** Directories whose absolute paths must not appear in dist/ (longest first). */
export declare function localPathRoots(env?: NodeJS.ProcessEnv, root?: string): string[];
/** Scans a built site; returns "path:line: message" problems, empty when clean. */
export declare function scanDist(dist?: string, options?: {localRoots?: string[]}): string[];
/** Lines of Framework's build log that mean a page will be broken although the build exited 0. */
export declare function buildLogProblems(output: string): string[];
