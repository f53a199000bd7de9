/**
 * The shape of a `movielab` command and the machinery every command shares: option parsing with
 * node:util parseArgs, generated `--help`, and usage errors (exit 2) kept apart from failures (exit 1).
 * A command is one file in src/commands/ exporting `command`; src/cli.ts finds it by file name.
 */
import {parseArgs} from "node:util";

/** One option of a command. Boolean options are flags; write negative flags as their own name ("no-verify"). */
export interface OptionSpec {
  type: "string" | "boolean";
  short?: string;
  /** Placeholder shown in help for string options (e.g. "DIR"). */
  value?: string;
  description: string;
  /**
   * Set for an option that was split or renamed: still parsed so that using it fails with this
   * advice (exit 2) instead of "unknown option" or a silent change of meaning; hidden from --help.
   */
  retired?: string;
}

/** One positional argument, for usage lines and count checks. */
export interface ArgSpec {
  name: string;
  description: string;
  optional?: boolean;
  /** The last argument only: it takes every remaining positional (`runs compare RUN RUN…`). */
  repeats?: boolean;
}

/** A command: a leaf with `run`, a group with `subcommands`, or both (a group whose options run it: `movielab cv --model mf`). */
export interface Command {
  name: string;
  /** One line, shown in command lists. */
  summary: string;
  /** Paragraph shown under the usage line of --help. */
  description?: string;
  args?: ArgSpec[];
  options?: Record<string, OptionSpec>;
  subcommands?: Command[];
  /** Runs the command; resolves to the exit code (default 0). */
  run?: (ctx: CommandContext) => Promise<number | void>;
}

/** What a running command sees. Output goes through out/err so tests and pipes get exact text. */
export interface CommandContext {
  /** Positional arguments after the command path. */
  args: string[];
  options: Record<string, string | boolean | undefined>;
  /** Writes to stdout (no newline added). */
  out: (text: string) => void;
  /** Writes to stderr (no newline added). */
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Whether stderr is a terminal (progress bars draw only then). */
  stderrIsTTY: boolean;
}

/** Bad usage: unknown command or option, wrong argument count. Exit code 2. */
export class UsageError extends Error {
  /** The command path whose --help to point at (e.g. "movielab data check"). */
  readonly commandPath: string;
  constructor(message: string, commandPath: string) {
    super(message);
    this.name = "UsageError";
    this.commandPath = commandPath;
  }
}

/** The I/O a CLI run uses (process streams in production, buffers in tests). */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  stderrIsTTY: boolean;
}

/** Runs `command` (reached through `path`, e.g. ["movielab", "data"]) on argv; resolves to the exit code. */
export async function runCommand(command: Command, argv: string[], path: string[], io: CliIo): Promise<number> {
  const here = [...path, command.name];
  const where = here.join(" ");
  // Messages are printed after "movielab: ", so they name the command without the program.
  const what = here.slice(1).join(" ");
  const [first] = argv;
  const runsItself =
    command.run !== undefined && first !== undefined && first.startsWith("-") && first !== "--help" && first !== "-h";
  if (command.subcommands !== undefined && !runsItself) {
    const [first, ...rest] = argv;
    if (first === "--help" || first === "-h" || first === "help") {
      io.out(
        command.run === undefined ? groupHelp(command, here) : `${leafHelp(command, here)}\n${groupHelp(command, here)}`
      );
      return 0;
    }
    if (first === undefined)
      throw new UsageError(`${what} needs a subcommand: ${command.subcommands.map((c) => c.name).join(", ")}`, where);
    const sub = command.subcommands.find((c) => c.name === first);
    if (sub === undefined) {
      throw new UsageError(
        `unknown ${what} subcommand "${first}": expected one of ${command.subcommands.map((c) => c.name).join(", ")}`,
        where
      );
    }
    return runCommand(sub, rest, here, io);
  }
  if (command.run === undefined) throw new Error(`command ${where} has neither subcommands nor run`);

  const options = {
    ...(command.options ?? {}),
    help: {type: "boolean", short: "h", description: "show this help"} as OptionSpec
  };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      options: Object.fromEntries(
        Object.entries(options).map(([k, o]) => [k, o.short ? {type: o.type, short: o.short} : {type: o.type}])
      ),
      allowPositionals: true,
      strict: true
    });
  } catch (e) {
    throw new UsageError(parseArgsMessage(e as Error), where);
  }
  if (parsed.values.help === true) {
    io.out(leafHelp(command, here));
    return 0;
  }
  for (const [name, o] of Object.entries(options)) {
    if (o.retired !== undefined && parsed.values[name] !== undefined)
      throw new UsageError(`--${name} is no longer accepted: ${o.retired}`, where);
  }
  const specs = command.args ?? [];
  const required = specs.filter((a) => !a.optional).length;
  if (parsed.positionals.length < required) {
    throw new UsageError(
      `${what} needs ${specs
        .slice(parsed.positionals.length, required)
        .map((a) => `<${a.name}>`)
        .join(" ")}`,
      where
    );
  }
  if (parsed.positionals.length > specs.length && specs.at(-1)?.repeats !== true) {
    throw new UsageError(`${what}: unexpected argument "${parsed.positionals[specs.length]}"`, where);
  }
  const code = await command.run({
    args: parsed.positionals,
    options: parsed.values as Record<string, string | boolean | undefined>,
    out: io.out,
    err: io.err,
    env: io.env,
    cwd: io.cwd,
    stderrIsTTY: io.stderrIsTTY
  });
  return code ?? 0;
}

/** `movielab data fetch <name> [options]` plus arguments and options, for --help. */
export function leafHelp(command: Command, path: string[]): string {
  const args = (command.args ?? []).map(
    (a) => (a.optional ? `[<${a.name}>]` : `<${a.name}>`) + (a.repeats === true ? "…" : "")
  );
  const lines = [`Usage: ${[...path, ...args].join(" ")} [options]`, ""];
  lines.push(command.description ?? command.summary, "");
  if ((command.args ?? []).length > 0) {
    lines.push("Arguments:");
    lines.push(...table((command.args ?? []).map((a) => [`<${a.name}>`, a.description])), "");
  }
  const options: [string, string][] = Object.entries(command.options ?? {})
    .filter(([, o]) => o.retired === undefined)
    .map(([name, o]) => [
      `${o.short ? `-${o.short}, ` : ""}--${name}${o.type === "string" ? ` ${o.value ?? "VALUE"}` : ""}`,
      o.description
    ]);
  options.push(["-h, --help", "show this help"]);
  lines.push("Options:", ...table(options), "");
  return lines.join("\n");
}

/** Help for a group: its subcommands with their summaries. */
export function groupHelp(command: Command, path: string[]): string {
  const subs = command.subcommands ?? [];
  return [
    `Usage: ${path.join(" ")} <command> [options]`,
    "",
    command.description ?? command.summary,
    "",
    "Commands:",
    ...table(subs.map((c) => [c.name, c.summary])),
    "",
    `Run '${path.join(" ")} <command> --help' for a command's options.`,
    ""
  ].join("\n");
}

/** Two aligned columns, indented by two spaces. */
export function table(rows: string[][]): string[] {
  const width = Math.max(0, ...rows.map((r) => r[0].length));
  return rows.map(([a, b]) => `  ${a.padEnd(width)}  ${b}`);
}

/** parseArgs messages carry advice for programmers ("To specify a positional…"); keep the first sentence. */
function parseArgsMessage(e: Error): string {
  const first = e.message.split(/\.\s+(?=To |Did )/)[0];
  return first.replace(/\.$/, "");
}
