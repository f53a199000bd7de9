// Types of what scripts/build.mjs exports, for the tests.
/** Hosts that must never appear in the built site (outside <a href> links in HTML). */
export declare const FORBIDDEN_HOSTS: string[];
/** Scans a built site; returns "path:line: message" problems, empty when clean. */
export declare function scanDist(dist?: string): string[];
/** Lines of Framework's build log that mean a page will be broken although the build exited 0. */
export declare function buildLogProblems(output: string): string[];
