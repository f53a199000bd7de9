/**
 * The Lab's file reading in a Web Worker: the page posts the File objects the reader chose or dropped
 * (structured-cloned as handles: no bytes are read on the page's thread), the worker reads, unzips,
 * validates, cleans, encodes and fingerprints them with lib/lab/read-upload.ts — the same code as on the
 * page — and posts the LabData back with every typed array's buffer transferred, not copied. A 1M-rating
 * set takes seconds to parse; on the page's thread that froze the Lab (issue 14).
 *
 * Loaded as a module worker: `new Worker(import.meta.resolve("./lib/workers/read-upload.js"), {type: "module"})`.
 * Browser-safe (no node: imports); the message handling is exported for tests.
 */
import {readUpload, type LabData, type UploadedFile} from "../lab/read-upload.js";

/** A read to do: the files as the page got them (File handles or bytes). */
export interface ReadRequest {
  type: "read";
  id: number;
  files: {name: string; file?: Blob; bytes?: Uint8Array}[];
}

/** The answer: the data set read, or the readers' message (file, line, field, expected). */
export type ReadResponse = {type: "done"; id: number; data: LabData} | {type: "error"; id: number; message: string};

/** Reads the request's files into a LabData (what the worker does for each message). */
export async function readRequest(request: ReadRequest): Promise<LabData> {
  const files: UploadedFile[] = await Promise.all(
    request.files.map(async (f) => ({
      name: f.name,
      bytes: f.bytes ?? new Uint8Array(await f.file!.arrayBuffer())
    }))
  );
  return readUpload(files);
}

/** The buffers of every typed array in a value (plain objects and arrays walked), each once. */
export function transferList(value: unknown): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  const walk = (v: unknown): void => {
    if (ArrayBuffer.isView(v)) {
      if (v.buffer instanceof ArrayBuffer) out.add(v.buffer);
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === "object") Object.values(v).forEach(walk);
  };
  walk(value);
  return [...out];
}

interface Scope {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: "message", listener: (event: {data: unknown}) => void): void;
}

const scope = globalThis as unknown as Partial<Scope> & {WorkerGlobalScope?: unknown; document?: unknown};
if (
  scope.WorkerGlobalScope !== undefined &&
  scope.document === undefined &&
  typeof scope.addEventListener === "function"
) {
  scope.addEventListener("message", (event) => {
    const request = event.data as ReadRequest;
    readRequest(request).then(
      (data) => {
        const response: ReadResponse = {type: "done", id: request.id, data};
        scope.postMessage!(response, transferList(data));
      },
      (e: Error) => scope.postMessage!({type: "error", id: request.id, message: e.message} satisfies ReadResponse)
    );
  });
}
