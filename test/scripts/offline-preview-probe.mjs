// Run inside `unshare -n` (see offline-preview.test.ts): brings loopback up, starts `npm run dev` on a
// free port, fetches Framework's client bundle, its stdlib and a page, and prints one JSON line
// {status: {path: code}, log, page: the start of the page's HTML} before stopping the preview.
import {execFileSync, spawn} from "node:child_process";
import {createServer} from "node:net";

execFileSync("ip", ["link", "set", "lo", "up"]);
const port = await new Promise((resolve) => {
  const s = createServer().listen(0, "127.0.0.1", () => {
    const {port} = s.address();
    s.close(() => resolve(port));
  });
});
const child = spawn("npm", ["run", "dev", "--", "--port", String(port), "--no-open", "--no-warm"], {
  env: {...process.env, npm_config_update_notifier: "false"},
  stdio: ["ignore", "pipe", "pipe"],
  detached: true
});
let log = "";
child.stdout.on("data", (d) => (log += d));
child.stderr.on("data", (d) => (log += d));
const base = `http://127.0.0.1:${port}`;
const status = {};
let page = "";
try {
  for (let i = 0; i < 120; i++) {
    try {
      await fetch(base);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  for (const path of ["/_observablehq/client.js", "/_observablehq/stdlib.js", "/ratings"]) {
    const res = await fetch(base + path);
    const text = await res.text();
    status[path] = res.status;
    if (path === "/ratings") page = text.slice(0, 400);
  }
} finally {
  process.kill(-child.pid, "SIGTERM");
}
console.log(JSON.stringify({status, log, page}));
