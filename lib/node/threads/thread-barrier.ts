/**
 * A reusable barrier for a fixed number of threads over a shared Int32Array(3) (count,
 * generation, abort flag), with Atomics: a short spin, then Atomics.wait. A thread that fails
 * calls abortBarrier so the others throw instead of waiting forever.
 */

/** Message of the error a barrier throws after abortBarrier. */
export const ABORTED = "gbdt: another training thread failed";

/** Length of the Int32Array a barrier needs. */
export const BARRIER_LENGTH = 3;

const COUNT = 0;
const GENERATION = 1;
const ABORT = 2;
/** Loads of the generation before sleeping: a few µs, about the time the other thread needs to arrive at a level's end. */
const SPIN = 4000;

/** A fresh barrier state in shared memory. */
export function createBarrierState(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4 * BARRIER_LENGTH));
}

/** Returns a function that blocks until `parties` threads (>= 1) have called it on the same state; throws if the barrier was aborted. */
export function barrier(state: Int32Array, parties: number): () => void {
  if (parties <= 1) return () => {};
  return () => {
    const gen = Atomics.load(state, GENERATION);
    if (Atomics.load(state, ABORT) !== 0) throw new Error(ABORTED);
    if (Atomics.add(state, COUNT, 1) === parties - 1) {
      Atomics.store(state, COUNT, 0);
      Atomics.add(state, GENERATION, 1);
      Atomics.notify(state, GENERATION);
      return;
    }
    let spin = 0;
    while (spin < SPIN && Atomics.load(state, GENERATION) === gen) spin++;
    while (Atomics.load(state, GENERATION) === gen) Atomics.wait(state, GENERATION, gen);
    if (Atomics.load(state, ABORT) !== 0) throw new Error(ABORTED);
  };
}

/** Marks the barrier failed and wakes every waiting thread (they throw). */
export function abortBarrier(state: Int32Array): void {
  Atomics.store(state, ABORT, 1);
  Atomics.add(state, GENERATION, 1);
  Atomics.notify(state, GENERATION);
}
