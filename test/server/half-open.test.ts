// Clients that half-close: they send their request, then FIN (shutdown of their writing side), and
// wait for the answer, as `nc -N`, some proxies and HTTP/1.0-style tools do. Each request must still
// be answered, for API routes and for static pages read from disk asynchronously.
import {mkdirSync, mkdtempSync, writeFileSync} from "node:fs";
import {connect} from "node:net";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {startServer, type RunningServer} from "../../src/server.js";
import {createTinyService} from "../helpers/tiny-service.js";

/** Sends `request`, half-closes, and resolves with everything received until the server closes. */
function halfOpen(url: string, request: string): Promise<string> {
  const {hostname, port} = new URL(url);
  return new Promise((resolve, reject) => {
    let data = "";
    const socket = connect({port: Number(port), host: hostname, allowHalfOpen: true});
    socket.on("data", (d) => (data += d.toString()));
    socket.on("error", reject);
    socket.on("close", () => resolve(data));
    socket.once("connect", () => socket.end(request));
    socket.setTimeout(5000, () => socket.destroy());
  });
}

let running: RunningServer;
beforeAll(async () => {
  const site = mkdtempSync(join(tmpdir(), "movielab-half-open-"));
  mkdirSync(join(site, "embed"));
  writeFileSync(join(site, "index.html"), "<!doctype html><title>home</title>");
  writeFileSync(join(site, "ratings.html"), `<!doctype html><title>ratings</title>${"x".repeat(200_000)}`);
  running = await startServer({
    service: createTinyService(),
    port: 0,
    handleSignals: false,
    logger: false,
    siteDir: site
  });
});
afterAll(() => running.close());

describe("half-open clients", () => {
  it("get an answer to every request sent before their FIN: pages and API alike", async () => {
    const get = (path: string) => `GET ${path} HTTP/1.1\r\nHost: a\r\nConnection: keep-alive\r\n\r\n`;
    const body = JSON.stringify({user_id: 1, movie_id: 1});
    const post = `POST /predict HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
    const requests = Array.from({length: 85}, (_, i) =>
      i % 3 === 0 ? get("/ratings") : i % 3 === 1 ? get("/health") : post
    );
    const answers = await Promise.all(requests.map((r) => halfOpen(running.url, r)));
    const answered = answers.filter((a) => /^HTTP\/1\.1 200 /.test(a));
    expect(answered.length).toBe(85);
    expect(answers[0]).toContain("<title>ratings</title>");
    expect(answers[0].length).toBeGreaterThan(200_000);
  }, 30_000);

  it("are closed at once when they half-close without a request, and answered for two pipelined requests", async () => {
    const started = Date.now();
    expect(await halfOpen(running.url, "")).toBe("");
    expect(Date.now() - started).toBeLessThan(2000);
    const two = "GET /health HTTP/1.1\r\nHost: a\r\n\r\nGET /health HTTP/1.1\r\nHost: a\r\n\r\n";
    expect((await halfOpen(running.url, two)).match(/HTTP\/1\.1 200 /g)).toHaveLength(2);
  });
});
