/**
 * Builders of parameter specs (estimator.ts ParamSpec), and the specs several models share, so that
 * a parameter that means the same in two models is described once.
 */
import type {ParamSpec} from "./estimator.js";

/** An integer parameter in [min, max]. */
export function integerParam(min: number, max: number, description: string): ParamSpec {
  return {type: "integer", min, max, description};
}

/** A real parameter in [min, max]. */
export function numberParam(min: number, max: number, description: string): ParamSpec {
  return {type: "number", min, max, description};
}

/** A yes/no parameter. */
export function booleanParam(description: string): ParamSpec {
  return {type: "boolean", description};
}

/** A seed: any integer; `of` says what it draws (e.g. "the initialisation"). */
export function seedParam(of: string): ParamSpec {
  return {type: "integer", description: `seed of ${of}`};
}

/** Latent factors of a factor model. */
export const FACTORS = integerParam(1, 1000, "number of latent factors");

/** Epochs of an SGD fit over the ratings. */
export const SGD_EPOCHS = integerParam(1, 1000, "passes of SGD over the training ratings");

/** Spread of the normal initialisation of factors. */
export const INIT_STD = numberParam(0, 10, "standard deviation of the normal initialisation of factors");
