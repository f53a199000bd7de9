/**
 * A PredictionService backed by a remote movielab server (fetch; runs in the browser and in Node).
 * API errors come back as the same errors the in-process service throws: a 404 naming a user or
 * movie becomes NotFoundError, anything else an HttpServiceError carrying the server's message.
 */
import {NotFoundError, type PredictionService} from "./types.js";
import {
  movieFromWire,
  predictFromWire,
  recommendFromWire,
  userFromWire,
  type HealthWire,
  type MovieWire,
  type PredictWire,
  type RecommendWire,
  type UserWire
} from "./wire.js";

/** A request the server refused or could not answer; `status` 0 when it was not reached. */
export class HttpServiceError extends Error {
  constructor(
    /** The HTTP status, 0 when the server was not reached. */
    readonly status: number,
    message: string,
    /** The request field the server named as wrong, when it named one. */
    readonly field?: string
  ) {
    super(message);
    this.name = "HttpServiceError";
  }
}

/** Options of {@link createHttpService}. */
export interface HttpServiceOptions {
  /** fetch to use (default globalThis.fetch), e.g. to add headers. */
  fetch?: typeof fetch;
}

/** Connects to the server at baseUrl (e.g. "http://127.0.0.1:5000"), reading version and scale from /health. */
export async function createHttpService(baseUrl: string, options: HttpServiceOptions = {}): Promise<PredictionService> {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const base = baseUrl.replace(/\/+$/, "");

  async function call<T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
    let res: Response;
    try {
      res = await doFetch(base + path, {
        method,
        headers: body !== undefined ? {"content-type": "application/json"} : undefined,
        body: body !== undefined ? JSON.stringify(body) : undefined
      });
    } catch (e) {
      throw new HttpServiceError(
        0,
        `cannot reach the movielab API at ${base} (${(e as Error).message}); is it running, and does it allow this origin (--cors)?`
      );
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = text === "" ? undefined : JSON.parse(text);
    } catch {
      throw new HttpServiceError(
        res.status,
        `${method} ${base}${path}: the answer is not JSON (HTTP ${res.status}); is ${base} a movielab API?`
      );
    }
    if (!res.ok) {
      const err = (json ?? {}) as {error?: unknown; field?: unknown};
      const message = typeof err.error === "string" ? err.error : `HTTP ${res.status}`;
      const field = typeof err.field === "string" ? err.field : undefined;
      const unknown = /^unknown (user|movie) id (-?\d+)$/.exec(message);
      if (res.status === 404 && unknown) throw new NotFoundError(unknown[1] as "user" | "movie", Number(unknown[2]));
      throw new HttpServiceError(res.status, `${method} ${path}: ${message}`, field);
    }
    return json as T;
  }

  const health = await call<HealthWire>("GET", "/health");
  if (typeof health?.model_version !== "string" || typeof health.scale?.min !== "number") {
    throw new HttpServiceError(200, `${base}/health does not look like a movielab API (no model_version and scale)`);
  }
  return {
    version: health.model_version,
    scale: health.scale,
    predict: async (userId, movieId) =>
      predictFromWire(await call<PredictWire>("POST", "/predict", {user_id: userId, movie_id: movieId})),
    recommend: async (userId, k) =>
      recommendFromWire(await call<RecommendWire>("POST", "/recommend", {user_id: userId, k})),
    searchMovies: async (query, limit) =>
      (
        await call<MovieWire[]>(
          "GET",
          `/movies?q=${encodeURIComponent(query)}&limit=${encodeURIComponent(String(limit))}`
        )
      ).map(movieFromWire),
    user: async (userId) => userFromWire(await call<UserWire>("GET", `/users/${encodeURIComponent(String(userId))}`))
  };
}
