// Types of what scripts/seed-npm-versions.mjs exports, for the tests.
/** Package names in the npm: specifiers of Framework's client code, builtins excepted. */
export declare function frameworkNpmNames(): string[];
/** Records a version for each of them under <root>/.observablehq/cache/_npm; returns what it wrote and what had no version. */
export declare function seedNpmVersions(root?: string): {seeded: string[]; missing: string[]};
