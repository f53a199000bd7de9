/**
 * CORS without a plugin: off unless origins are given. With origins, every answer to an allowed
 * Origin carries Access-Control-Allow-Origin (so a host page on another origin can call the API and
 * import the embed module), and preflight OPTIONS requests are answered. Off means no CORS header
 * at all and no OPTIONS route, so browsers on other origins are refused.
 */
import type {FastifyInstance, FastifyReply, FastifyRequest} from "fastify";

/** "*" for any origin, or the exact origins allowed (scheme://host[:port]). */
export type CorsOrigins = "*" | string[];

const ALLOW_METHODS = "GET, HEAD, POST, OPTIONS";
/** Seconds a browser may cache a preflight answer. */
const MAX_AGE_S = 600;

/** Parses `--cors` text: "*" or a comma-separated list of origins; throws naming a malformed one. */
export function parseCorsOrigins(text: string): CorsOrigins {
  const trimmed = text.trim();
  if (trimmed === "*") return "*";
  const origins = trimmed
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  if (origins.length === 0)
    throw new Error(`--cors "${text}": expected "*" or a comma-separated list of origins like https://example.org`);
  for (const o of origins) {
    let url: URL;
    try {
      url = new URL(o);
    } catch {
      throw new Error(`--cors: "${o}" is not an origin; expected scheme://host[:port], e.g. https://example.org`);
    }
    if (url.origin !== o)
      throw new Error(`--cors: "${o}" is not an origin; expected exactly ${url.origin} (no path, no trailing slash)`);
  }
  return origins;
}

/** Installs the CORS hook and the preflight route on app; does nothing when origins is undefined. */
export function installCors(app: FastifyInstance, origins: CorsOrigins | undefined): void {
  if (origins === undefined) return;
  const allowed = (origin: string | undefined): boolean =>
    origin !== undefined && (origins === "*" || origins.includes(origin));

  app.addHook("onRequest", async (req: FastifyRequest, reply: FastifyReply) => {
    const origin = req.headers.origin;
    if (origins !== "*") reply.header("Vary", "Origin");
    if (allowed(origin)) reply.header("Access-Control-Allow-Origin", origins === "*" ? "*" : origin!);
  });

  app.options("/*", async (req, reply) => {
    const origin = req.headers.origin;
    if (!allowed(origin)) {
      return reply.code(403).send({
        error:
          origin === undefined
            ? "a preflight request needs an Origin header"
            : `origin ${origin} is not allowed by --cors`,
        field: "origin"
      });
    }
    const requested = req.headers["access-control-request-headers"];
    reply.header("Access-Control-Allow-Methods", ALLOW_METHODS);
    reply.header(
      "Access-Control-Allow-Headers",
      typeof requested === "string" && requested !== "" ? requested : "content-type"
    );
    reply.header("Access-Control-Max-Age", String(MAX_AGE_S));
    return reply.code(204).send();
  });
}
