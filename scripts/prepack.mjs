/**
 * npm's prepack step (npm pack, npm publish): a tarball install runs no build, so the package ships
 * compiled JavaScript. Builds the library into dist-lib/ (scripts/build-lib.mjs) and a fresh compiled
 * CLI into dist-cli-package/ (scripts/build-cli.mjs with its own folder, so packing never retires a
 * build in dist-cli/ that a running process still uses); bin/movielab.js runs the latter when installed.
 */
import {rmSync} from "node:fs";
import {dirname, join} from "node:path";
import {fileURLToPath} from "node:url";
import {buildCli} from "./build-cli.mjs";
import {buildLib, LIB_DIR} from "./build-lib.mjs";

const PACKAGE_CLI_DIR = "dist-cli-package";
const root = dirname(dirname(fileURLToPath(import.meta.url)));

const lib = buildLib(root);
console.log(`prepack: compiled ${LIB_DIR}/ in ${lib.seconds.toFixed(1)} s`);
rmSync(join(root, PACKAGE_CLI_DIR), {recursive: true, force: true});
const cli = await buildCli(root, {outDir: PACKAGE_CLI_DIR});
console.log(`prepack: compiled the CLI into ${PACKAGE_CLI_DIR}/${cli.build} in ${cli.seconds.toFixed(1)} s`);
