/**
 * JSON Schemas of every request the API accepts. Bodies are validated without type coercion, so
 * `"1"` or 1.5 for an integer id is a 400; unknown properties are refused (additionalProperties
 * false), never silently dropped.
 */
import {ID_MAX} from "../../lib/data/fields.js";

/** Raw MovieLens ids are positive 32-bit integers; 0 is allowed so that it answers "unknown" (404). */
const ID = {type: "integer", minimum: 0, maximum: ID_MAX} as const;

export const MAX_K = 100;
export const DEFAULT_K = 10;
export const MAX_LIMIT = 100;
export const DEFAULT_LIMIT = 20;
/** Longest title query accepted, in characters. */
export const MAX_QUERY = 200;

export const predictBody = {
  type: "object",
  required: ["user_id", "movie_id"],
  additionalProperties: false,
  properties: {user_id: ID, movie_id: ID}
} as const;

/**
 * The answer of POST /predict, documented here and used to serialise it (so a field missing from the
 * service is an error, not a silent omission). user_rating is the user's own rating of the movie in
 * the bundle's training ratings, null when they had not rated it.
 */
export const predictResponse = {
  type: "object",
  required: [
    "user_id",
    "movie_id",
    "rating",
    "expected",
    "probabilities",
    "cold_start",
    "user_rating",
    "model_version"
  ],
  additionalProperties: false,
  properties: {
    user_id: {type: "integer"},
    movie_id: {type: "integer"},
    rating: {type: "number", description: "the most probable rating class"},
    expected: {type: "number", description: "Σ p × value, the expected rating"},
    probabilities: {
      type: "array",
      items: {
        type: "object",
        required: ["value", "p"],
        additionalProperties: false,
        properties: {value: {type: "number"}, p: {type: "number"}}
      }
    },
    cold_start: {type: "boolean", description: "the user or movie was unknown to the model: answered from priors"},
    user_rating: {
      type: ["number", "null"],
      description: "the user's own rating of the movie in the training ratings, null when not rated"
    },
    model_version: {type: "string"}
  }
} as const;

export const recommendBody = {
  type: "object",
  required: ["user_id"],
  additionalProperties: false,
  properties: {user_id: ID, k: {type: "integer", minimum: 1, maximum: MAX_K, default: DEFAULT_K}}
} as const;

export const moviesQuery = {
  type: "object",
  additionalProperties: false,
  properties: {
    q: {type: "string", maxLength: MAX_QUERY, default: ""},
    limit: {type: "integer", minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT}
  }
} as const;

export const userParams = {
  type: "object",
  required: ["id"],
  additionalProperties: false,
  properties: {id: ID}
} as const;

export interface PredictBody {
  user_id: number;
  movie_id: number;
}
export interface RecommendBody {
  user_id: number;
  k: number;
}
export interface MoviesQuery {
  q: string;
  limit: number;
}
export interface UserParams {
  id: number;
}

/**
 * Query strings and path parameters arrive as text; turns the numeric-looking values of the named
 * fields into numbers so that the schema then decides (1.5 for an integer is still refused).
 * Anything else is left as it was, for the schema to name.
 */
export function numberizeFields(target: unknown, fields: readonly string[]): void {
  if (target === null || typeof target !== "object") return;
  const record = target as Record<string, unknown>;
  for (const f of fields) {
    const v = record[f];
    if (typeof v === "string" && /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(v)) record[f] = Number(v);
  }
}
