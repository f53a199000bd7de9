/** Cells of a square count matrix for the heat maps (confusion matrix, genre co-occurrence). */

/** One cell: row and column labels, the raw count and the value drawn (the count, or its share 0..1 of the row's total). */
export interface MatrixCell {
  row: string;
  col: string;
  count: number;
  value: number;
}

/**
 * Cells of a row-major K × K count matrix, row by row, and the largest value drawn (0 when none).
 * `share`: value = count / the row's total (0 for an empty row), else the count.
 * `diagonalTotals`: the diagonal holds each row's total (a co-occurrence matrix), so it is the divisor and
 * gets no cell; otherwise the row's total is its sum and every cell is kept.
 */
export function matrixCells(
  counts: readonly number[],
  labels: readonly string[],
  share: boolean,
  diagonalTotals: boolean
): {cells: MatrixCell[]; max: number} {
  const K = labels.length;
  const cells: MatrixCell[] = [];
  let max = 0;
  for (let r = 0; r < K; r++) {
    let total = 0;
    if (diagonalTotals) total = counts[r * K + r];
    else for (let c = 0; c < K; c++) total += counts[r * K + c];
    for (let c = 0; c < K; c++) {
      if (diagonalTotals && r === c) continue;
      const count = counts[r * K + c];
      const value = share ? (total > 0 ? count / total : 0) : count;
      max = Math.max(max, value);
      cells.push({row: labels[r], col: labels[c], count, value});
    }
  }
  return {cells, max};
}
