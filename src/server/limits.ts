/** The HTTP server's default limits, apart from the server itself (which loads fastify). */

/** Default largest request body, in bytes: a predict body is ~40 bytes. */
export const DEFAULT_BODY_LIMIT = 16 * 1024;

/**
 * Default time for a whole request (headers and body) to arrive, in ms. A client that sends a body
 * slower than this (the slow-POST attack: a Content-Length it never fills) gets 408 and is closed,
 * instead of holding a socket and a file descriptor for as long as it likes.
 */
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

/** Default time a connection may stay silent (no bytes either way) before it is closed, in ms. */
export const DEFAULT_IDLE_TIMEOUT_MS = 30_000;

/**
 * Default cap on open connections; more are refused at once (bounded file descriptors). High enough
 * that 2,000 stalled clients, held until the request timeout closes them, leave room for real ones.
 */
export const DEFAULT_MAX_CONNECTIONS = 4096;
