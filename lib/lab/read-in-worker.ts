/**
 * Reads the reader's files into Lab data off the page's thread: one module worker per read
 * (lib/workers/read-upload.ts) gets the File handles and answers with the data set, its buffers
 * transferred. Where there is no Worker (tests, old browsers) or no worker URL, the same readUpload
 * runs on the page, as before. Errors keep the readers' message (file, line, field, expected).
 */
import {readUpload, type LabData} from "./read-upload.js";
import type {ReadRequest, ReadResponse} from "../workers/read-upload.js";

/** Where a read ran: in a worker, or on the page's thread. */
export type ReadPlace = "worker" | "page";

/** Reads `files` in a worker made from `workerUrl` when it can, else on the page; says where it ran. */
export async function readFiles(
  files: readonly File[],
  workerUrl: string | undefined
): Promise<{data: LabData; place: ReadPlace}> {
  if (workerUrl === undefined || typeof Worker === "undefined") {
    const uploaded = await Promise.all(
      files.map(async (f) => ({name: f.webkitRelativePath || f.name, bytes: new Uint8Array(await f.arrayBuffer())}))
    );
    return {data: await readUpload(uploaded), place: "page"};
  }
  const worker = new Worker(workerUrl, {type: "module"});
  try {
    const data = await new Promise<LabData>((resolve, reject) => {
      worker.addEventListener("message", (event: MessageEvent<ReadResponse>) => {
        if (event.data.type === "done") resolve(event.data.data);
        else reject(new Error(event.data.message));
      });
      worker.addEventListener("error", (event) =>
        reject(new Error(`the file-reading worker failed: ${event.message || "it could not be loaded"}`))
      );
      const request: ReadRequest = {
        type: "read",
        id: 1,
        files: files.map((f) => ({name: f.webkitRelativePath || f.name, file: f}))
      };
      worker.postMessage(request);
    });
    return {data, place: "worker"};
  } finally {
    worker.terminate();
  }
}
