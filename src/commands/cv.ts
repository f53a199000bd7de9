/** `movielab cv <model>`: cross-validation. Each subcommand lives in src/cv/; adding one is one entry below. */
import type {Command} from "../cli-command.js";
import {classifierCvCommand} from "../cv/classifier.js";
import {recommenderCvCommand} from "../cv/recommender.js";

export const command: Command = {
  name: "cv",
  summary: "cross-validate a model on a data set and print per-fold and mean figures",
  subcommands: [classifierCvCommand, recommenderCvCommand]
};
