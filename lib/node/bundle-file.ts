import {readFile} from "node:fs/promises";
import {BundleError, parseBundle, serializeBundle, type Bundle, type BundleKind} from "../bundle/bundle.js";
import {writeFileAtomic} from "./atomic-write.js";

/** Saves a bundle to path atomically (the previous file survives a failed write). */
export async function saveBundle(path: string, bundle: Bundle): Promise<void> {
  await writeFileAtomic(path, serializeBundle(bundle));
}

/** Reads and validates a bundle file; errors name the path. */
export async function loadBundle<S = unknown>(path: string, expect?: {kind?: BundleKind}): Promise<Bundle<S>> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new BundleError(
      path,
      code === "ENOENT"
        ? "no such file; expected a model bundle written by `movielab train`"
        : `cannot be read (${code ?? (e as Error).message})`
    );
  }
  return parseBundle<S>(text, path, expect);
}
