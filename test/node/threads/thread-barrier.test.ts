import {describe, expect, it} from "vitest";
import {ABORTED, abortBarrier, barrier, createBarrierState} from "../../../lib/node/threads/thread-barrier.js";

describe("barrier", () => {
  it("is a no-op for one thread and releases the last of several arrivals at once", () => {
    const state = createBarrierState();
    const one = barrier(state, 1);
    one();
    one();
    // The last arrival of a generation never waits: with the count preset to parties − 1, it passes and resets.
    Atomics.store(state, 0, 2);
    barrier(state, 3)();
    expect(Atomics.load(state, 0)).toBe(0);
    expect(Atomics.load(state, 1)).toBe(1);
  });

  it("throws in every later arrival once aborted, instead of waiting for a thread that failed", () => {
    const state = createBarrierState();
    abortBarrier(state);
    expect(() => barrier(state, 2)()).toThrow(ABORTED);
  });
});
