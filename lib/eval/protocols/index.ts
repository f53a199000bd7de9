/** Every evaluation protocol, by name, with its one-line description and source (protocol.ts says what one is). */
import {kfoldProtocol} from "./kfold.js";
import {msrProtocol} from "./msr.js";
import {officialProtocol} from "./official.js";
import type {Protocol, ProtocolName, ProtocolTask} from "./protocol.js";
import {temporalGlobalProtocol} from "./temporal-global.js";
import {temporalUserProtocol} from "./temporal-user.js";
import {u1Protocol} from "./u1.js";

export type {DroppedRows, Protocol, ProtocolFolds, ProtocolInput, ProtocolName, ProtocolTask} from "./protocol.js";

/** A protocol whose options are not known statically (each protocol checks its own). */
export type AnyProtocol = Protocol<Record<string, unknown>>;

/** Every protocol, in the order pages and --help list them. */
export const PROTOCOLS: Readonly<Record<ProtocolName, AnyProtocol>> = {
  official: officialProtocol,
  u1: u1Protocol,
  kfold: kfoldProtocol,
  msr: msrProtocol,
  "temporal-global": temporalGlobalProtocol,
  "temporal-user": temporalUserProtocol
};

/** The protocol names, in PROTOCOLS' order. */
export const PROTOCOL_NAMES = Object.keys(PROTOCOLS) as ProtocolName[];

/** Whether name is a protocol's name. */
export function isProtocolName(name: unknown): name is ProtocolName {
  return typeof name === "string" && Object.hasOwn(PROTOCOLS, name);
}

/** The names of the protocols made for a task, in PROTOCOLS' order. */
export function protocolNames(task: ProtocolTask): ProtocolName[] {
  return PROTOCOL_NAMES.filter((n) => PROTOCOLS[n].tasks.includes(task));
}
