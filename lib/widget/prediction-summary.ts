/**
 * What a prediction's headline should say. The most probable class alone misleads when the
 * classes are nearly flat (32 / 30 / 29 %): "3★" then hides that 4★ was almost as likely. The
 * expected rating is what a reader should believe, and a near tie is said out loud.
 */
import type {ClassProbability} from "../serving/types.js";

/** Top two classes closer than this (in probability, 0.05 = 5 percentage points) count as close. */
export const CLOSE_WITHIN = 0.05;

/** The classes from most to least probable (ties: the higher rating first). */
export function byProbability(probabilities: readonly ClassProbability[]): ClassProbability[] {
  return [...probabilities].sort((a, b) => b.p - a.p || b.value - a.value);
}

/** The two most probable classes when they are within `within` of each other, most probable first; else null. */
export function closeTopClasses(
  probabilities: readonly ClassProbability[],
  within = CLOSE_WITHIN
): [ClassProbability, ClassProbability] | null {
  if (probabilities.length < 2) return null;
  const [first, second] = byProbability(probabilities);
  // The tolerance keeps 0.32 − 0.27 (0.05000000000000002 in floating point) "within 5 points".
  return first.p - second.p <= within + 1e-9 ? [first, second] : null;
}

/** The expected rating as the headline shows it: one decimal and a star, e.g. "3.8★". */
export function formatExpected(expected: number): string {
  return `${expected.toFixed(1)}★`;
}
