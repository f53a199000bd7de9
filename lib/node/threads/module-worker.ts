/**
 * Worker threads running one of this library's modules, under plain Node (compiled .js) or
 * under tsx (a .ts module URL: the worker registers tsx's loader first), and a one-answer
 * request/response over postMessage.
 */
import {createRequire} from "node:module";
import {dirname, join} from "node:path";
import {Worker} from "node:worker_threads";

/** Starts a worker that imports the module at entry (an import.meta.url) with workerData = data. */
export function startModuleWorker(entry: string, data: object): Worker {
  const url = new URL(entry);
  // tsx's ESM register() (dist/esm/api/index.mjs, its "tsx/esm/api" import export).
  const tsx = url.pathname.endsWith(".ts")
    ? join(dirname(createRequire(entry).resolve("tsx/package.json")), "dist/esm/api/index.mjs")
    : null;
  const boot = `(async () => {
    const {workerData} = require("node:worker_threads");
    if (workerData.tsx) (await import(require("node:url").pathToFileURL(workerData.tsx).href)).register();
    await import(workerData.entry);
  })().catch((e) => { console.error(e); process.exit(1); });`;
  return new Worker(boot, {eval: true, workerData: {...data, tsx, entry: url.href}});
}

/** Waits for the worker's next message {ok: true, result} (resolves) or {ok: false, error} (rejects); posts job first unless undefined. */
export function request<T>(w: Worker, job?: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const done = () => {
      w.off("message", onMessage);
      w.off("error", onError);
      w.off("exit", onExit);
    };
    const onMessage = (msg: {ok: true; result: T} | {ok: false; error: string}) => {
      done();
      if (msg.ok) resolve(msg.result);
      else reject(new Error(`worker thread: ${msg.error}`));
    };
    const onError = (e: Error) => {
      done();
      reject(e);
    };
    const onExit = (code: number) => {
      done();
      reject(new Error(`worker thread exited with code ${code} before answering`));
    };
    w.on("message", onMessage);
    w.on("error", onError);
    w.on("exit", onExit);
    if (job !== undefined) w.postMessage(job);
  });
}

/** A copy of a typed array in a new SharedArrayBuffer (same type and values), for workerData or messages that threads share without copying. */
export function sharedCopy<T extends Uint8Array | Uint16Array | Uint32Array | Int32Array | Float32Array | Float64Array>(
  src: T
): T {
  const out = new (src.constructor as new (buffer: SharedArrayBuffer) => T)(new SharedArrayBuffer(src.byteLength));
  out.set(src as never);
  return out;
}
