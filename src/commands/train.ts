/** `movielab train <model>`: fits a model on a whole data set and writes a bundle. Subcommands live in src/commands/train/. */
import type {Command} from "../cli-command.js";
import {trainClassifierCommand} from "./train/classifier.js";
import {importAlsCommand} from "./train/import-als.js";

export const command: Command = {
  name: "train",
  summary: "fit a model on a whole data set and save it as a model bundle",
  subcommands: [trainClassifierCommand, importAlsCommand]
};
