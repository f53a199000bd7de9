/**
 * Model names as the top-N commands and pages accept them. In a top-N context "item-knn" means
 * item-kNN on implicit feedback (the ranking model); the rating item-kNN stays reachable as
 * "item-knn-rating". Every other name is the registry's.
 */
import type {AnyModel} from "./estimator.js";
import {MODELS, modelNames} from "./registry.js";

const TOP_N_ALIASES: Readonly<Record<string, string>> = {
  "item-knn": "item-knn-implicit",
  "item-knn-rating": "item-knn"
};

/** Registry name behind a top-N model name (aliases resolved); the name itself otherwise. */
export function topNModelName(name: string): string {
  return TOP_N_ALIASES[name] ?? name;
}

/** Names a top-N command accepts: ranking models first (with the item-knn alias), then rating models. */
export function topNNames(): string[] {
  const ranking = modelNames("ranking").map((n) => (n === "item-knn-implicit" ? "item-knn" : n));
  const rating = modelNames("rating").map((n) => (n === "item-knn" ? "item-knn-rating" : n));
  return [...ranking, ...rating];
}

/** The registered model for a top-N name, or null when unknown. */
export function topNModel(name: string): AnyModel | null {
  if (!topNNames().includes(name) && !(name in MODELS)) return null;
  return MODELS[topNModelName(name)] ?? null;
}
