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

/** One removed rating row, as the file had it, and why it went. */
export interface CleaningExample {
  /** Raw user id. */
  userId: number;
  /** Raw movie id. */
  movieId: number;
  /** The rating as read, on the file's scale (NaN when missing). */
  rating: number;
  /** Unix seconds. */
  timestamp: number;
  /** Why this row was removed, for a reader with its 1-based row in the ratings file (e.g. "row 12: movie 9999 is not in the movies table"). */
  reason: string;
}

/** Everything that left the data, rule by rule; rowsIn - sum(removed) === rowsOut. */
export interface CleaningReport {
  /** Rating rows read. */
  rowsIn: number;
  /** Rating rows kept. */
  rowsOut: number;
  /** Each rule applied, in order, including those that removed nothing (unknown-user only with a users table, before-release only when on). */
  rules: CleaningRuleResult[];
  /** Facts that removed nothing but a reader should know (e.g. "1 movie has no release date; its 9 ratings are kept"). */
  notes: string[];
  /** Signs that the data may be wrong though nothing was removed (e.g. titles that look mis-encoded). */
  warnings: string[];
}
