/** `movielab serve --bundle FILE`: the HTTP API (and optionally the built site) on one port. */
import {resolve} from "node:path";
import {parseCorsOrigins} from "../server/cors.js";
import {integerOption} from "../options/values.js";
import {loadServiceFromFile} from "../server/load-service.js";
import {BUNDLE_OPTIONS, bundlePath} from "../options/bundle.js";
import {
  DEFAULT_BODY_LIMIT,
  DEFAULT_IDLE_TIMEOUT_MS,
  DEFAULT_MAX_CONNECTIONS,
  DEFAULT_REQUEST_TIMEOUT_MS
} from "../server/limits.js";
import {UsageError, type Command} from "../cli-command.js";

const WHERE = "movielab serve";

export const command: Command = {
  name: "serve",
  summary:
    "serve predictions over HTTP (POST /predict, /recommend; GET /movies, /users/:id, /health), optionally with the site",
  description:
    "Loads and validates a classifier bundle (written by `movielab train classifier --out model.json`) and serves it:\n" +
    "  POST /predict {user_id, movie_id}   POST /recommend {user_id, k}   GET /movies?q=&limit=   GET /users/:id   GET /health\n" +
    "A bad bundle stops the start with a message and exit code 1. Logs are JSON lines on stdout (pino); SIGINT or\n" +
    "SIGTERM stops accepting connections, lets in-flight requests finish and exits 0.",
  options: {
    ...BUNDLE_OPTIONS,
    port: {type: "string", value: "N", description: "TCP port, 0 for any free one (default 5000)"},
    host: {type: "string", value: "ADDR", description: "interface to bind (default 127.0.0.1; 0.0.0.0 in a container)"},
    site: {type: "string", value: "DIR", description: "also serve this built site (dist/) on the same port"},
    cors: {
      type: "string",
      value: "ORIGINS",
      description: "allow browsers on these origins (comma-separated, or *); off by default"
    },
    "body-limit": {type: "string", value: "BYTES", description: `largest request body (default ${DEFAULT_BODY_LIMIT})`},
    "request-timeout": {
      type: "string",
      value: "MS",
      description: `time for a whole request to arrive, else 408 and close (default ${DEFAULT_REQUEST_TIMEOUT_MS})`
    },
    "idle-timeout": {
      type: "string",
      value: "MS",
      description: `close a connection silent this long (default ${DEFAULT_IDLE_TIMEOUT_MS})`
    },
    "max-connections": {
      type: "string",
      value: "N",
      description: `open connections at most; more are closed on arrival (default ${DEFAULT_MAX_CONNECTIONS}, or the open-file limit less 256 when lower)`
    },
    quiet: {type: "boolean", description: "log warnings and errors only"}
  },
  async run(ctx) {
    const modelPath = bundlePath(ctx, WHERE);
    const port = integerOption(ctx.options.port, "port", 0, 65535, WHERE, 5000);
    const bodyLimit = integerOption(
      ctx.options["body-limit"],
      "body-limit",
      64,
      16 * 1024 * 1024,
      WHERE,
      DEFAULT_BODY_LIMIT
    );
    const requestTimeoutMs = integerOption(
      ctx.options["request-timeout"],
      "request-timeout",
      100,
      600_000,
      WHERE,
      DEFAULT_REQUEST_TIMEOUT_MS
    );
    const idleTimeoutMs = integerOption(
      ctx.options["idle-timeout"],
      "idle-timeout",
      100,
      3_600_000,
      WHERE,
      DEFAULT_IDLE_TIMEOUT_MS
    );
    const maxConnections = integerOption(
      ctx.options["max-connections"],
      "max-connections",
      1,
      1_000_000,
      WHERE,
      DEFAULT_MAX_CONNECTIONS
    );
    const host = typeof ctx.options.host === "string" ? ctx.options.host : "127.0.0.1";
    let corsOrigins;
    try {
      corsOrigins = typeof ctx.options.cors === "string" ? parseCorsOrigins(ctx.options.cors) : undefined;
    } catch (e) {
      throw new UsageError((e as Error).message, WHERE);
    }
    const siteDir = typeof ctx.options.site === "string" ? resolve(ctx.cwd, ctx.options.site) : undefined;

    const {service, bundle} = await loadServiceFromFile(modelPath);
    const {startServer} = await import("../server.js");
    const running = await startServer({
      service,
      port,
      host,
      siteDir,
      corsOrigins,
      bodyLimit,
      requestTimeoutMs,
      idleTimeoutMs,
      maxConnections,
      logger: {level: ctx.options.quiet === true ? "warn" : "info"}
    });
    const d = bundle.meta.dataset;
    ctx.err(
      `movielab serve: ${running.url} — model ${service.version} (${d.name}${d.synthetic && d.name !== "synthetic" ? ", synthetic data" : ""}: ${d.users} users, ${d.movies} movies)` +
        `${siteDir ? `, site ${siteDir}` : ""}${corsOrigins ? `, CORS ${corsOrigins === "*" ? "*" : corsOrigins.join(",")}` : ""}\n`
    );
    await running.closed;
    ctx.err("movielab serve: stopped\n");
    return 0;
  }
};
