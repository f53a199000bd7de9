/**
 * The `movielab` command. Every file in src/commands/ is one top-level command named after the
 * file (data.ts → `movielab data`) that exports `command`; adding a command is adding a file.
 * Only the command being run is imported, so `movielab data …` never loads the server's code.
 *
 * Exit codes: 0 success, 1 failure (bad data, failed download, …), 2 bad usage.
 */
import {readdirSync} from "node:fs";
import {pathToFileURL} from "node:url";
import {join} from "node:path";
import {LIBRARY_VERSION} from "../lib/version.js";
import {groupHelp, runCommand, UsageError, type CliIo, type Command} from "./cli-command.js";

const COMMANDS_DIR = join(import.meta.dirname, "commands");
// ".ts" under tsx; ".js" in the compiled CLI (scripts/build-cli.mjs writes each command as dist-cli/<build>/src/commands/<name>.js).
const EXT = import.meta.url.endsWith(".ts") ? ".ts" : ".js";

/** Names of the available commands (file names in src/commands/, sorted). */
export function commandNames(): string[] {
  return readdirSync(COMMANDS_DIR)
    .filter((f) => f.endsWith(EXT) && !f.endsWith(".d.ts"))
    .map((f) => f.slice(0, -EXT.length))
    .sort();
}

/** Imports src/commands/<name>.ts (or its compiled .js) and checks that it exports a command of that name. */
export async function loadCommand(name: string): Promise<Command> {
  const mod = (await import(pathToFileURL(join(COMMANDS_DIR, `${name}${EXT}`)).href)) as {command?: Command};
  if (mod.command === undefined || mod.command.name !== name) {
    throw new Error(`src/commands/${name}.ts must export \`command\` with name "${name}"`);
  }
  return mod.command;
}

/** Runs the CLI on argv (without node and script); resolves to the exit code. Never throws. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  try {
    const [first, ...rest] = argv;
    if (first === "--version" || first === "-V") {
      io.out(`movielab ${LIBRARY_VERSION}\n`);
      return 0;
    }
    const names = commandNames();
    if (first === undefined || first === "--help" || first === "-h" || first === "help") {
      const commands = await Promise.all(names.map(loadCommand));
      const root: Command = {
        name: "movielab",
        summary: "",
        description: "Predict MovieLens ratings and recommend movies: data, models, evaluation, serving.",
        subcommands: commands
      };
      const help = groupHelp(root, ["movielab"]);
      if (first === undefined) {
        io.err(help);
        return 2;
      }
      io.out(help);
      return 0;
    }
    if (!names.includes(first))
      throw new UsageError(`unknown command "${first}": expected one of ${names.join(", ")}`, "movielab");
    return await runCommand(await loadCommand(first), rest, ["movielab"], io);
  } catch (e) {
    return report(e, io);
  }
}

/** Prints an error the way users should see it and returns its exit code. */
function report(e: unknown, io: CliIo): number {
  if (e instanceof UsageError) {
    io.err(`movielab: ${e.message}\nRun '${e.commandPath} --help' for usage.\n`);
    return 2;
  }
  const error = e instanceof Error ? e : new Error(String(e));
  // DataError, download and zip errors carry complete messages; a stack would only hide them.
  io.err(`movielab: ${error.message}\n`);
  if (io.env.MOVIELAB_DEBUG === "1" && error.stack) io.err(`${error.stack}\n`);
  return 1;
}

/** Runs the CLI on this process's arguments and streams; sets process.exitCode (bin/movielab.js calls it). */
export async function runProcess(): Promise<void> {
  const code = await main(process.argv.slice(2), {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    stderrIsTTY: process.stderr.isTTY === true
  });
  // Let stdout drain before exiting: large --json output is written asynchronously to pipes.
  process.exitCode = code;
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
// Not awaited at the top level: `runs reproduce` imports this module to call main(), and importing a
// module whose top-level await is still pending would wait for itself (Node exits 13, nothing run).
if (isMain) void runProcess();
