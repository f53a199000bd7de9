/** One cleaning rule's outcome: how many ratings it removed, why, and a few examples. */
export interface CleaningRuleResult {
  /** Stable identifier, e.g. "duplicates", "missing-values", "unknown-movie", "before-release". */
  rule: string;
  /** Human description of the rule. */
  description: string;
  /** Number of rating rows removed by this rule. */
  removed: number;
  /** Up to 5 removed rows, raw ids, with the reason for each. */
  examples: CleaningExample[];
}

export interface CleaningExample {
  userId: number;
  movieId: number;
  rating: number;
  /** Unix seconds. */
  timestamp: number;
  reason: string;
}

/** Everything that left the data, rule by rule; rowsIn - sum(removed) === rowsOut. */
export interface CleaningReport {
  rowsIn: number;
  rowsOut: number;
  rules: CleaningRuleResult[];
  /** Facts that removed nothing but a reader should know (e.g. "1 movie has no release date; its 9 ratings are kept"). */
  notes: string[];
  /** Signs that the data may be wrong though nothing was removed (e.g. titles that look mis-encoded). */
  warnings: string[];
}
