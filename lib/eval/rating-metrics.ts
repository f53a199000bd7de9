/** Rating-prediction error metrics over paired columns of true and predicted ratings. */

function checkLengths(actual: ArrayLike<number>, predicted: ArrayLike<number>, what: string): void {
  if (actual.length !== predicted.length) {
    throw new RangeError(
      `${what}: ${actual.length} true ratings but ${predicted.length} predictions; expected equal lengths`
    );
  }
  if (actual.length === 0) throw new RangeError(`${what}: no ratings; expected at least one`);
}

/** Root mean squared error, in rating units (≥ 0); throws on empty or mismatched input. */
export function rmse(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  checkLengths(actual, predicted, "rmse");
  let s = 0;
  for (let i = 0; i < actual.length; i++) {
    const d = actual[i] - predicted[i];
    s += d * d;
  }
  return Math.sqrt(s / actual.length);
}

/** Mean absolute error, in rating units (≥ 0); throws on empty or mismatched input. */
export function mae(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  checkLengths(actual, predicted, "mae");
  let s = 0;
  for (let i = 0; i < actual.length; i++) s += Math.abs(actual[i] - predicted[i]);
  return s / actual.length;
}
