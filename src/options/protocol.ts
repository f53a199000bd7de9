/**
 * `--protocol NAME` of `movielab cv` and `movielab rank`, and the folds it makes: the name checked against
 * the protocols of the command's task, `--folds official|K` read as its older alias, and a usage error when
 * a protocol needs official split files the set lacks (a set without rating times gets the protocol's DataError).
 */
import type {OpenedDataset} from "../../lib/node/open-dataset.js";
import {PROTOCOLS, isProtocolName, type ProtocolFolds, type ProtocolName} from "../../lib/eval/protocols/index.js";
import {UsageError, type CommandContext} from "../cli-command.js";
import {numberOption} from "./classifier.js";

/** A protocol and the options --folds (or --seeds) set for it. */
export interface ProtocolChoice {
  name: ProtocolName;
  options: Record<string, unknown>;
}

/** The protocol `movielab cv` runs: --protocol, or --folds as its alias (official → official, K → kfold with K folds); both must agree. */
export function cvProtocolOption(
  ctx: CommandContext,
  where: string,
  accepted: readonly ProtocolName[],
  hasOfficial: boolean
): ProtocolChoice {
  const rawFolds = ctx.options.folds;
  const k =
    rawFolds === undefined || rawFolds === "official"
      ? undefined
      : numberOption(ctx, "folds", where, (v) => Number.isInteger(v) && v >= 2, `"official" or an integer k ≥ 2`);
  const fromFolds: ProtocolChoice | undefined =
    rawFolds === undefined
      ? undefined
      : k === undefined
        ? {name: "official", options: {}}
        : {name: "kfold", options: {k}};
  const raw = ctx.options.protocol;
  if (raw === undefined)
    return fromFolds ?? (hasOfficial ? {name: "official", options: {}} : {name: "kfold", options: {k: 5}});
  const name = protocolOption(raw, accepted, where);
  if (fromFolds !== undefined && fromFolds.name !== name)
    throw new UsageError(
      `--folds ${String(rawFolds)} and --protocol ${name} disagree: --folds official means --protocol official, --folds K means --protocol kfold with K folds`,
      where
    );
  return {name, options: fromFolds?.options ?? {}};
}

/** Checks a --protocol value against the accepted names (a usage error listing them). */
export function protocolOption(raw: unknown, accepted: readonly ProtocolName[], where: string): ProtocolName {
  if (typeof raw !== "string" || !isProtocolName(raw) || !accepted.includes(raw))
    throw new UsageError(`--protocol "${String(raw)}": expected one of ${accepted.join(", ")}`, where);
  return raw;
}

/** Makes the chosen protocol's folds; a usage error when it needs official split files the set has not. */
export async function protocolFolds(
  loaded: OpenedDataset,
  choice: ProtocolChoice,
  seed: number,
  where: string
): Promise<ProtocolFolds> {
  const protocol = PROTOCOLS[choice.name];
  if (protocol.needs === "official" && !loaded.folds.hasOfficial)
    throw new UsageError(
      `--protocol ${choice.name} needs ml-100k's u1..u5.base/.test files; ${loaded.dir ?? "the synthetic set"} has none (use --protocol kfold)`,
      where
    );
  const official = protocol.needs === "official" ? await loaded.folds.official() : null;
  return protocol.folds({dataset: loaded.dataset, official, seed}, choice.options);
}

/** "--protocol NAME" help lines: each accepted protocol and its description. */
export function protocolHelp(accepted: readonly ProtocolName[]): string {
  return accepted.map((n) => `  ${n.padEnd(16)} ${PROTOCOLS[n].description}`).join("\n");
}
