/**
 * Where the Lab keeps its runs: IndexedDB in the browser (database "movielab-lab", object store "runs",
 * keyed by run id), so they outlive a reload; an in-memory store for tests and for browsers without
 * IndexedDB (private modes). Records are the run records of lib/reports/cv-result.ts, stored as they are.
 */
import type {RecommenderCvJson} from "../reports/cv-result.js";

export interface RunStore {
  /** Every kept run, oldest first. */
  list(): Promise<RecommenderCvJson[]>;
  /** Adds or replaces a run (by id). */
  put(run: RecommenderCvJson): Promise<void>;
  delete(id: string): Promise<void>;
  clear(): Promise<void>;
  /** "indexeddb" or "memory": the page says whether runs survive a reload. */
  readonly kind: "indexeddb" | "memory";
}

const byTime = (a: RecommenderCvJson, b: RecommenderCvJson) =>
  a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** A store that forgets on reload. */
export function memoryRunStore(): RunStore {
  const runs = new Map<string, RecommenderCvJson>();
  return {
    kind: "memory",
    list: async () => [...runs.values()].map((r) => structuredClone(r)).sort(byTime),
    put: async (run) => void runs.set(run.id, structuredClone(run)),
    delete: async (id) => void runs.delete(id),
    clear: async () => runs.clear()
  };
}

export const DB_NAME = "movielab-lab";
const STORE = "runs";

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error("IndexedDB request failed"));
  });
}

/** The IndexedDB store (factory: window.indexedDB); falls back to memory when it cannot be opened. */
export async function openRunStore(factory: IDBFactory | undefined = globalThis.indexedDB): Promise<RunStore> {
  if (factory === undefined) return memoryRunStore();
  let db: IDBDatabase;
  try {
    const open = factory.open(DB_NAME, 1);
    open.onupgradeneeded = () => open.result.createObjectStore(STORE, {keyPath: "id"});
    db = await done(open);
  } catch {
    return memoryRunStore();
  }
  const tx = async <T>(mode: IDBTransactionMode, f: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> => {
    const t = db.transaction(STORE, mode);
    const complete = new Promise<void>((resolve, reject) => {
      t.oncomplete = () => resolve();
      t.onerror = () => reject(t.error ?? new Error("IndexedDB transaction failed"));
      t.onabort = () => reject(t.error ?? new Error("IndexedDB transaction aborted"));
    });
    const [result] = await Promise.all([done(f(t.objectStore(STORE))), complete]);
    return result;
  };
  return {
    kind: "indexeddb",
    list: async () => ((await tx("readonly", (s) => s.getAll())) as RecommenderCvJson[]).sort(byTime),
    put: async (run) => void (await tx("readwrite", (s) => s.put(run))),
    delete: async (id) => void (await tx("readwrite", (s) => s.delete(id))),
    clear: async () => void (await tx("readwrite", (s) => s.clear()))
  };
}
