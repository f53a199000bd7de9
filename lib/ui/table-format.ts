/**
 * Cell formats for Inputs.table. Its default puts thousands separators in every number, which is
 * wrong for years ("1,977") and ids ("1,677"), and pads every score to three decimals ("495.000").
 */

/** A year or an id as written, without grouping; "—" when missing. */
export function plainInteger(x: number | null | undefined): string {
  return x == null || Number.isNaN(x) ? "—" : String(x);
}

/** A score: whole numbers (counts, as the popularity model's) as they are, others to `digits` decimals. */
export function scoreFormat(digits = 3): (x: number | null | undefined) => string {
  return (x) => (x == null || Number.isNaN(x) ? "—" : Number.isInteger(x) ? String(x) : x.toFixed(digits));
}
