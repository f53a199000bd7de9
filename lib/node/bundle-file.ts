import {existsSync} from "node:fs";
import {BundleError, parseBundle, serializeBundle, type Bundle, type BundleKind} from "../bundle/bundle.js";
import {writeFileAtomic} from "./atomic-write.js";
import {readRegularFile} from "./read-regular-file.js";

/** Largest bundle file read: the ml-100k workbench bundle is 3.6 MB; an ml-32m one stays far below this. */
export const MAX_BUNDLE_BYTES = 1024 * 2 ** 20;

/** Saves a bundle to path atomically (the previous file survives a failed write). */
export async function saveBundle(path: string, bundle: Bundle): Promise<void> {
  await writeFileAtomic(path, serializeBundle(bundle));
}

/** Reads and validates a bundle file; errors name the path. */
export async function loadBundle<S = unknown>(path: string, expect?: {kind?: BundleKind}): Promise<Bundle<S>> {
  if (!existsSync(path))
    throw new BundleError(path, "no such file; expected a model bundle written by `movielab train`");
  let bytes: Buffer;
  try {
    bytes = await readRegularFile(path, MAX_BUNDLE_BYTES, "a model bundle");
  } catch (e) {
    // DataError's message already starts with the path.
    throw new BundleError(path, (e as Error).message.replace(`${path}: `, ""));
  }
  return parseBundle<S>(bytes.toString("utf8"), path, expect);
}
