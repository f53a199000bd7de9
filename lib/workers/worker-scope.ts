/**
 * Installs a module's message handler when, and only when, the module runs as a Web Worker, so that
 * importing a worker module in a page, in Node or in a test does nothing.
 */

/** The worker global a handler needs (a DedicatedWorkerGlobalScope in the browser). */
interface WorkerScope {
  postMessage(message: unknown): void;
  addEventListener(type: "message", listener: (event: {data: unknown}) => void): void;
}

/**
 * Inside a worker: answers every message with `handle(message)`, built on the worker's postMessage;
 * a handler that throws is answered with `onError(message of the error)`. Elsewhere: nothing.
 */
export function installWorkerHandler<Request, Response>(
  create: (post: (r: Response) => void) => (request: Request) => Promise<void>,
  onError: (message: string) => Response
): void {
  const scope = globalThis as unknown as Partial<WorkerScope> & {WorkerGlobalScope?: unknown; document?: unknown};
  if (
    scope.WorkerGlobalScope === undefined ||
    scope.document !== undefined ||
    typeof scope.addEventListener !== "function"
  ) {
    return;
  }
  const post = (r: Response) => scope.postMessage!(r);
  const handle = create(post);
  scope.addEventListener("message", (event) => {
    handle(event.data as Request).catch((e: Error) => post(onError(e.message)));
  });
}
