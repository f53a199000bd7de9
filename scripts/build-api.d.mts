/** Runs TypeDoc (typedoc.json) into `out` (default dist/api), replacing what was there. */
export function buildApi(options?: {
  root?: string;
  out?: string;
}): Promise<{files: number; seconds: number; out: string}>;
