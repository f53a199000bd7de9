/**
 * The movielab HTTP API (Fastify): POST /predict, POST /recommend, GET /movies, GET /users/:id,
 * GET /health, optionally the built site on the same port. `buildServer` makes the app (tests call
 * it in-process); `startServer` listens and shuts down gracefully on SIGINT/SIGTERM, letting
 * in-flight requests finish.
 */
import Fastify, {type FastifyInstance, type FastifyServerOptions} from "fastify";
import type {PredictionService} from "../lib/serving/types.js";
import {installCors, type CorsOrigins} from "./server/cors.js";
import {parseJsonBody} from "./server/json-body.js";
import {openFileLimit} from "./server/open-file-limit.js";
import {toErrorResponse} from "./server/errors.js";
import {installRoutes, type RouteState} from "./server/routes.js";
import {checkSiteDir, installStaticSite} from "./server/static-site.js";

// The defaults live in their own module so that `movielab serve --help` (and every CLI start, which
// lists all commands) can print them without loading fastify.
export {
  DEFAULT_BODY_LIMIT,
  DEFAULT_IDLE_TIMEOUT_MS,
  DEFAULT_MAX_CONNECTIONS,
  DEFAULT_REQUEST_TIMEOUT_MS
} from "./server/limits.js";
import {
  DEFAULT_BODY_LIMIT,
  DEFAULT_IDLE_TIMEOUT_MS,
  DEFAULT_MAX_CONNECTIONS,
  DEFAULT_REQUEST_TIMEOUT_MS
} from "./server/limits.js";

/** Descriptors kept free of connections for site files, the bundle and logs. */
const RESERVED_FILES = 256;

/** The default cap, lowered to fit the process's open-file limit where it is smaller (e.g. ulimit -n 1024). */
export function defaultMaxConnections(limit = openFileLimit()): number {
  return limit === null
    ? DEFAULT_MAX_CONNECTIONS
    : Math.max(16, Math.min(DEFAULT_MAX_CONNECTIONS, limit - RESERVED_FILES));
}

export interface ServerOptions {
  service: PredictionService;
  /** "*" or exact origins; undefined switches CORS off (the default). */
  corsOrigins?: CorsOrigins;
  /** Built site (dist/) to serve on the same port; checked at build time. */
  siteDir?: string;
  /** Fastify's pino logger: false for none, true for JSON info logs, or pino options. */
  logger?: FastifyServerOptions["logger"];
  /** Largest request body in bytes (default 16 KiB); larger bodies get 413. */
  bodyLimit?: number;
  /** Time for a whole request to arrive, in ms (default 10 s); slower requests get 408 and are closed. */
  requestTimeoutMs?: number;
  /** Silence after which a connection is closed, in ms (default 30 s). */
  idleTimeoutMs?: number;
  /** Open connections at most (default 4096, less when the open-file limit is lower); more are closed on arrival. */
  maxConnections?: number;
}

/** Builds the app (not listening). Throws when siteDir is not a built site. */
export function buildServer(options: ServerOptions): FastifyInstance {
  if (options.siteDir !== undefined) checkSiteDir(options.siteDir);
  const requestTimeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    requestTimeout,
    connectionTimeout: options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
    // Node checks request deadlines every connectionsCheckingInterval (30 s by default), which would
    // let a stalled request live up to 30 s past its timeout; headers get the same deadline.
    http: {requestTimeout, headersTimeout: requestTimeout, connectionsCheckingInterval: Math.min(1000, requestTimeout)},
    // No coercion of body values ("1" is not an integer) and no silent removal of unknown fields.
    ajv: {customOptions: {coerceTypes: false, removeAdditional: false, useDefaults: true, allErrors: false}},
    // On close, idle keep-alive sockets are dropped at once; busy ones finish their request first.
    forceCloseConnections: "idle",
    return503OnClosing: true
  });
  app.server.maxConnections = options.maxConnections ?? defaultMaxConnections();
  // A client may send FIN right after its request (nc -N, some proxies) and still wait for the answer.
  // By default Node then aborts the request and ends the socket, so answers produced asynchronously
  // (a page read from disk, a prediction) were lost: 54 of 85 in a test. With this flag (undocumented,
  // kept in Node for spdy, nodejs/node#36819) the answer in flight is the connection's last, and an
  // idle half-closed socket is still ended at once, so nothing lingers in CLOSE_WAIT.
  (app.server as typeof app.server & {httpAllowHalfOpen: boolean}).httpAllowHalfOpen = true;
  // Only JSON bodies: a text/plain POST (which browsers send cross-origin without a preflight) is a 415.
  app.removeContentTypeParser("text/plain");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", {parseAs: "string"}, (_req, body, done) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (e) {
      done(e as Error, undefined);
    }
  });
  const state: RouteState = {startedAt: Date.now(), closing: false};
  app.addHook("preClose", async () => {
    state.closing = true;
  });
  // A keep-alive connection whose request was in flight at close would otherwise stay open until its
  // idle timeout and hold close() up: answers sent while closing end their connection.
  app.addHook("onSend", async (_req, reply, payload) => {
    if (state.closing) reply.header("Connection", "close");
    return payload;
  });

  app.setErrorHandler((error, req, reply) => {
    const {status, body} = toErrorResponse(error, req.routeOptions.url);
    if (status >= 500) req.log.error({err: error}, "request failed");
    else req.log.info({status, error: body.error}, "request refused");
    return reply.code(status).send(body);
  });
  app.setNotFoundHandler((req, reply) =>
    reply.code(404).send({error: `no route ${req.method} ${req.url.split("?")[0]}`})
  );

  installCors(app, options.corsOrigins);
  installRoutes(app, options.service, state);
  if (options.siteDir !== undefined) installStaticSite(app, options.siteDir);
  else
    app.get("/", async () => ({
      name: "movielab",
      model_version: options.service.version,
      endpoints: ["POST /predict", "POST /recommend", "GET /movies?q=&limit=", "GET /users/:id", "GET /health"]
    }));
  return app;
}

export interface StartOptions extends ServerOptions {
  /** TCP port; 0 picks a free one. */
  port: number;
  /** Interface to bind (default 127.0.0.1: loopback only). */
  host?: string;
  /** Install SIGINT/SIGTERM handlers that close the server (default true). */
  handleSignals?: boolean;
}

export interface RunningServer {
  app: FastifyInstance;
  /** e.g. http://127.0.0.1:5000 */
  url: string;
  /** Stops accepting connections and resolves when in-flight requests are done. */
  close(): Promise<void>;
  /** Resolves when the server has closed (after a signal or close()). */
  closed: Promise<void>;
}

/** Listens on host:port and, unless told otherwise, closes gracefully on SIGINT/SIGTERM. */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const app = buildServer(options);
  const host = options.host ?? "127.0.0.1";
  await app.listen({port: options.port, host});
  const address = app.server.address();
  const port = typeof address === "object" && address !== null ? address.port : options.port;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;

  let resolveClosed!: () => void;
  const closed = new Promise<void>((r) => (resolveClosed = r));
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= app.close().then(() => {
      detach();
      resolveClosed();
    });
    return closing;
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    app.log.info({signal}, "shutting down: finishing in-flight requests");
    void close();
  };
  const detach = (): void => {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  };
  if (options.handleSignals !== false) {
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
  }
  return {app, url, close, closed};
}
