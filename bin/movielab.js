#!/usr/bin/env node
// Runs the TypeScript CLI through tsx so that `npx movielab …` works straight after `npm install`.
// The child gets the signals this launcher receives (SIGINT, SIGTERM, SIGHUP), so `kill <pid>` or a
// container stop reaches `movielab serve` and it shuts down gracefully; the launcher exits with its code.
import {spawn} from "node:child_process";
import {createRequire} from "node:module";
import {dirname, join} from "node:path";
import {fileURLToPath} from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const tsxCli = require.resolve("tsx/cli");
const child = spawn(process.execPath, [tsxCli, join(here, "..", "src", "cli.ts"), ...process.argv.slice(2)], {
  stdio: "inherit"
});
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => child.kill(signal));
}
child.on("error", (e) => {
  process.stderr.write(`movielab: cannot start the CLI (${e.message})\n`);
  process.exit(1);
});
child.on("exit", (code, signal) =>
  process.exit(code ?? (signal ? 128 + ({SIGINT: 2, SIGTERM: 15, SIGHUP: 1}[signal] ?? 1) : 1))
);
