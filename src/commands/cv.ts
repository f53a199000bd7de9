/** `movielab cv --model NAME`: cross-validation of any rating model; `movielab cv classifier` adds the classifier's full report. */
import type {Command} from "../cli-command.js";
import {classifierCvCommand} from "./cv/classifier.js";
import {modelCvCommand} from "./cv/recommender.js";

export const command: Command = {
  name: "cv",
  summary: "cross-validate a model on a data set and print per-fold and mean figures",
  description: modelCvCommand.description,
  options: modelCvCommand.options,
  run: modelCvCommand.run,
  subcommands: [classifierCvCommand, modelCvCommand]
};
