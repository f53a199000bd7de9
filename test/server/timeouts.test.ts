// Slow and stalled clients over real sockets: a request whose body never completes (the slow-POST
// attack, a chunked body announcing 2^64 − 1 bytes) is answered 408 and closed after the request
// timeout, a normal request is answered meanwhile, and connections over the cap are closed on arrival.
import {connect, type Socket} from "node:net";
import {afterEach, describe, expect, it} from "vitest";
import {startServer, type RunningServer} from "../../src/server.js";
import {createTinyService} from "../helpers/tiny-service.js";

const SLOW_POST = "POST /predict HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{";
const HUGE_CHUNK =
  "POST /predict HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffff\r\n{";

interface Stalled {
  socket: Socket;
  /** Everything the server sent. */
  received: () => string;
  /** Resolves with the ms from connect to the server closing the connection. */
  closed: Promise<number>;
}

/** Opens a connection, sends `text` and never anything more. */
function stall(url: string, text: string): Promise<Stalled> {
  const {hostname, port} = new URL(url);
  return new Promise((resolve, reject) => {
    const start = Date.now();
    let data = "";
    const socket = connect(Number(port), hostname);
    const closed = new Promise<number>((r) => socket.on("close", () => r(Date.now() - start)));
    socket.on("data", (d) => (data += d.toString()));
    socket.on("error", () => {});
    socket.once("connect", () => {
      socket.write(text);
      resolve({socket, received: () => data, closed});
    });
    socket.once("error", reject);
  });
}

let running: RunningServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

describe("request timeouts and the connection cap", () => {
  it("closes stalled bodies with 408 after the request timeout while answering a normal request", async () => {
    running = await startServer({
      service: createTinyService(),
      port: 0,
      handleSignals: false,
      logger: false,
      requestTimeoutMs: 1000
    });
    const stalled = await Promise.all(
      Array.from({length: 40}, (_, i) => stall(running!.url, i % 2 === 0 ? SLOW_POST : HUGE_CHUNK))
    );
    const health = await fetch(`${running.url}/health`);
    expect(health.status).toBe(200);
    const times = await Promise.all(stalled.map((s) => s.closed));
    // Closed after the 1 s timeout, within Node's 1 s deadline check (not the default 30 s).
    for (const ms of times) {
      expect(ms).toBeGreaterThanOrEqual(900);
      expect(ms).toBeLessThan(4000);
    }
    for (const s of stalled) expect(s.received()).toMatch(/^HTTP\/1\.1 408/);
  }, 15_000);

  it("closes connections over the cap on arrival and serves again once they are gone", async () => {
    running = await startServer({
      service: createTinyService(),
      port: 0,
      handleSignals: false,
      logger: false,
      requestTimeoutMs: 60_000,
      maxConnections: 3
    });
    const held = await Promise.all(Array.from({length: 3}, () => stall(running!.url, SLOW_POST)));
    const extra = await stall(running.url, SLOW_POST);
    expect(await extra.closed).toBeLessThan(2000);
    expect(extra.received()).toBe("");
    for (const s of held) s.socket.destroy();
    await Promise.all(held.map((s) => s.closed));
    await new Promise((r) => setTimeout(r, 100));
    expect((await fetch(`${running.url}/health`)).status).toBe(200);
  }, 15_000);

  it("keeps the defaults documented on the command line", async () => {
    const {command} = await import("../../src/commands/serve.js");
    expect(command.options?.["request-timeout"]?.description).toMatch(/default 10000/);
    expect(command.options?.["max-connections"]?.description).toMatch(/default 1024/);
  });
});
