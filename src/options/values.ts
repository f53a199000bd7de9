/** Parsing of option values several commands share: integers only, in range, or a usage error naming the option. */
import {UsageError} from "../cli-command.js";

/** Reads option `name` as an integer in [min, max]; the fallback when absent, or a UsageError naming the option when there is none. */
export function integerOption(
  value: string | boolean | undefined,
  name: string,
  min: number,
  max: number,
  commandPath: string,
  fallback?: number
): number {
  if (value === undefined) {
    if (fallback === undefined) throw new UsageError(`--${name} is required`, commandPath);
    return fallback;
  }
  const text = String(value).trim();
  const n = /^-?\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`--${name} "${String(value)}": expected an integer from ${min} to ${max}`, commandPath);
  }
  return n;
}

/** Reads a required string option, or throws UsageError naming it. */
export function stringOption(
  value: string | boolean | undefined,
  name: string,
  commandPath: string,
  what: string
): string {
  if (typeof value !== "string" || value === "") throw new UsageError(`--${name} ${what} is required`, commandPath);
  return value;
}
