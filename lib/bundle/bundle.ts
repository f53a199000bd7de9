/**
 * The model bundle: one versioned JSON document holding a fitted pipeline (feature transforms,
 * model state, id maps, the rating scale) with its metadata. Reading validates the envelope,
 * the version and a CRC-32 of the body, so a truncated, corrupted or incompatible file gets a
 * clear error; nothing in a bundle is ever executed.
 */
import type {RatingScale} from "../data/types.js";
import {LIBRARY_VERSION} from "../version.js";
import {crc32} from "./crc32.js";
import {parseTyped, stringifyTyped} from "./typed-json.js";

/** The `format` a bundle's header carries; readers refuse any other. */
export const BUNDLE_FORMAT = "movielab-bundle";
/** Bumped on any incompatible change of the body; readers refuse other versions. */
export const BUNDLE_VERSION = 1;

/** What was fitted: "classifier" (features + GBDT) or a recommender model name. */
export type BundleKind = "classifier" | "recommender";

/** Where a bundle's model came from: the data, the parameters, the figures measured, who wrote it and when. */
export interface BundleMetadata {
  /** Data set the model was fitted on. */
  dataset: {
    /** The set's label, e.g. "ml-100k". */
    name: string;
    /** Its layout, e.g. "ml-100k", "csv" or "synthetic". */
    format: string;
    /** True for movielab's seeded synthetic set. */
    synthetic: boolean;
    /** Ratings the model was fitted on (the training rows, after cleaning). */
    ratings: number;
    /** Users of the cleaned data set. */
    users: number;
    /** Movies of the cleaned data set. */
    movies: number;
  };
  /** Hyperparameters as given to fit. */
  params: Record<string, unknown>;
  /** Measured figures (e.g. cross-validated accuracy), name → value. */
  metrics: Record<string, number>;
  /** Library version that wrote the bundle. */
  library: string;
  /** ISO 8601 time of creation. */
  createdAt: string;
}

/** A fitted model with everything needed to answer in the data set's own ids, as one JSON document. */
export interface Bundle<S = unknown> {
  /** What was fitted. */
  kind: BundleKind;
  /** Model name within the kind, e.g. "gbdt" or "mf". */
  model: string;
  /** The data set's rating scale; predictions stay within it. */
  scale: RatingScale;
  /** Raw ids in dense-index order, so a bundle answers in the data set's own ids. */
  idMaps: {
    /** Raw user id of each dense user index. */
    users: Int32Array;
    /** Raw movie id of each dense movie index. */
    movies: Int32Array;
  };
  /** Movie titles in dense-index order (for search and display; rendered as text). */
  titles?: string[];
  /** Where the model came from. */
  meta: BundleMetadata;
  /** Fitted state: plain data and typed arrays only. */
  state: S;
}

/** A bundle that cannot be read: names the source and what is wrong. */
export class BundleError extends Error {
  constructor(source: string, problem: string) {
    super(`${source}: ${problem}`);
    this.name = "BundleError";
  }
}

/** Fills library and creation time in the metadata. */
export function bundleMetadata(m: Omit<BundleMetadata, "library" | "createdAt">, now = new Date()): BundleMetadata {
  return {...m, library: LIBRARY_VERSION, createdAt: now.toISOString()};
}

/** Serialises a bundle to text: a small header object with the body's checksum, then the body. */
export function serializeBundle(bundle: Bundle): string {
  const body = stringifyTyped(bundle);
  const header = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    library: LIBRARY_VERSION,
    bytes: body.length,
    crc32: crc32(body)
  };
  return `{"header":${JSON.stringify(header)},\n"body":${body}}\n`;
}

/** Parses and validates bundle text; `source` names the file or URL in errors. */
export function parseBundle<S = unknown>(text: string, source = "bundle", expect?: {kind?: BundleKind}): Bundle<S> {
  if (text.trim() === "") {
    const what = text.length === 0 ? "the file is empty" : `the file holds only blank characters (${text.length})`;
    throw new BundleError(source, `${what}; expected a movielab model bundle (JSON)`);
  }
  const headerMatch = /^\{"header":(\{[^\n]*\}),\n"body":/.exec(text);
  if (!headerMatch) {
    throw new BundleError(
      source,
      `not a movielab model bundle: expected it to start with {"header":{"format":"${BUNDLE_FORMAT}",…}`
    );
  }
  let header: {format?: unknown; version?: unknown; library?: unknown; bytes?: unknown; crc32?: unknown};
  try {
    header = JSON.parse(headerMatch[1]);
  } catch {
    throw new BundleError(source, "the bundle header is not valid JSON");
  }
  if (header.format !== BUNDLE_FORMAT)
    throw new BundleError(source, `format is "${String(header.format)}", expected "${BUNDLE_FORMAT}"`);
  if (typeof header.version !== "number") {
    throw new BundleError(
      source,
      `header field "version" is ${JSON.stringify(header.version)} (${header.version === null ? "null" : typeof header.version}), expected the number ${BUNDLE_VERSION}`
    );
  }
  if (header.version !== BUNDLE_VERSION) {
    throw new BundleError(
      source,
      `bundle version ${String(header.version)} (written by movielab ${String(header.library)}) is not supported; this is movielab ${LIBRARY_VERSION}, which reads version ${BUNDLE_VERSION}: retrain or use a matching movielab`
    );
  }
  const start = headerMatch[0].length;
  const bodyText = text.slice(start, start + Number(header.bytes));
  const tail = text.slice(start + bodyText.length);
  if (bodyText.length !== header.bytes || !/^\}\s*$/.test(tail)) {
    throw new BundleError(
      source,
      `the file is truncated or has extra data: the header promises a ${String(header.bytes)}-character body, ${text.length - start} characters follow`
    );
  }
  if (crc32(bodyText) !== header.crc32) {
    throw new BundleError(
      source,
      `checksum mismatch (crc32 ${crc32(bodyText)}, header says ${String(header.crc32)}): the file was changed or corrupted`
    );
  }
  let body: unknown;
  try {
    body = parseTyped(bodyText);
  } catch (e) {
    throw new BundleError(source, `the body cannot be decoded: ${(e as Error).message}`);
  }
  const b = validateBody(body, source);
  if (expect?.kind && b.kind !== expect.kind)
    throw new BundleError(source, `holds a ${b.kind} model, expected a ${expect.kind}`);
  return b as Bundle<S>;
}

function validateBody(body: unknown, source: string): Bundle {
  const fail = (field: string, expected: string): never => {
    throw new BundleError(source, `field "${field}" ${expected}`);
  };
  if (body === null || typeof body !== "object") fail("body", "must be an object");
  const b = body as Record<string, unknown>;
  if (b.kind !== "classifier" && b.kind !== "recommender")
    fail("kind", `must be "classifier" or "recommender", got ${JSON.stringify(b.kind)}`);
  if (typeof b.model !== "string" || b.model === "") fail("model", "must be a non-empty string");
  const scale = b.scale as Record<string, unknown> | undefined;
  if (!scale || typeof scale !== "object") fail("scale", "must be an object {min, max, step}");
  for (const k of ["min", "max", "step"]) {
    if (typeof scale![k] !== "number" || !Number.isFinite(scale![k] as number))
      fail(`scale.${k}`, "must be a finite number");
  }
  if (!((scale!.max as number) > (scale!.min as number)) || !((scale!.step as number) > 0))
    fail("scale", "must have max > min and step > 0");
  const ids = b.idMaps as Record<string, unknown> | undefined;
  if (!ids || !(ids.users instanceof Int32Array) || !(ids.movies instanceof Int32Array))
    fail("idMaps", "must hold Int32Array users and movies");
  if (b.titles !== undefined) {
    if (!Array.isArray(b.titles) || b.titles.some((t) => typeof t !== "string"))
      fail("titles", "must be an array of strings");
    if ((b.titles as string[]).length !== (ids!.movies as Int32Array).length)
      fail("titles", "must have one title per movie id");
  }
  const meta = b.meta as Record<string, unknown> | undefined;
  if (!meta || typeof meta !== "object") fail("meta", "must be an object");
  if (typeof meta!.createdAt !== "string") fail("meta.createdAt", "must be an ISO date string");
  if (!meta!.dataset || typeof meta!.dataset !== "object") fail("meta.dataset", "must be an object");
  if (b.state === undefined || b.state === null || typeof b.state !== "object") fail("state", "must be an object");
  return b as unknown as Bundle;
}
