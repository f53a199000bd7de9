/** `movielab runs list | show | compare | reproduce`: the run records `cv` and `rank` write under runs/. */
import type {Command} from "../cli-command.js";
import {compareCommand} from "./runs/compare.js";
import {listCommand} from "./runs/list.js";
import {reproduceCommand} from "./runs/reproduce.js";
import {showCommand} from "./runs/show.js";

export const command: Command = {
  name: "runs",
  summary: "list, show, compare and reproduce the run records that cv and rank write under runs/",
  description:
    "Every 'movielab cv' and 'movielab rank' writes a run record (runs/<id>.json: data fingerprint, protocol, seed,\n" +
    "model, parameters, code version, the command line, per-fold metrics, timings, machine). These commands read them.",
  subcommands: [listCommand, showCommand, compareCommand, reproduceCommand]
};
