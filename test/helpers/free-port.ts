// A TCP port free on 127.0.0.1 right now, for servers a test or bench starts as a child process.
import {createServer} from "node:net";

/** Asks the kernel for an unused port and releases it; resolves with the number. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const {port} = s.address() as {port: number};
      s.close(() => done(port));
    });
    s.on("error", fail);
  });
}
