import {describe, expect, it} from "vitest";
import {binMatrix, computeCuts} from "../../../lib/models/gbdt/binning.js";
import {
  rowsInShard,
  shardOf,
  shardSlabLength,
  ShardedTreeBuilder
} from "../../../lib/models/gbdt/sharded-tree-builder.js";
import {binnedMatrix, TreeBuilder, type BinnedMatrix, type GrowParams} from "../../../lib/models/gbdt/tree-builder.js";
import {createRng} from "../../../lib/random.js";

function dataset(n: number, d: number, seed: number): {m: BinnedMatrix; gh: Float64Array} {
  const rng = createRng(seed);
  const x = new Float32Array(n * d);
  // Feature 0 has missing values; feature 1 few distinct values; the rest continuous.
  for (let i = 0; i < n; i++)
    for (let f = 0; f < d; f++) x[i * d + f] = f === 0 && rng.next() < 0.1 ? NaN : f === 1 ? rng.int(3) : rng.normal();
  const cuts = computeCuts(x, n, d, 64);
  const bins = binMatrix(cuts, x, n);
  const gh = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    gh[2 * i] = Math.fround(Math.sin(3 * x[i * d + 2]) + (x[i * d] !== x[i * d] ? 0.5 : 0) + 0.3 * rng.normal());
    gh[2 * i + 1] = Math.fround(0.5 + rng.next());
  }
  return {m: binnedMatrix(bins, n, d, cuts), gh};
}

function oneThread(m: BinnedMatrix, p: GrowParams): ShardedTreeBuilder {
  const slab = () => new Float64Array(shardSlabLength(m.d, p.maxDepth));
  return new ShardedTreeBuilder(m, p, {
    shard: shardOf(m.n, 0, 1),
    slabs: [[slab(), slab()]],
    sums: new Float64Array(2),
    sync: () => {}
  });
}

describe("ShardedTreeBuilder", () => {
  const P: GrowParams = {maxDepth: 5, eta: 0.3, lambda: 1, alpha: 0, minChildWeight: 1, gamma: 0};

  it("grows exactly TreeBuilder's tree with one thread, with row and column samples", () => {
    const {m, gh} = dataset(3000, 5, 1);
    const ref = new TreeBuilder(m, P);
    const sharded = oneThread(m, P);
    const sample = Uint32Array.from({length: m.n}, (_, i) => i).filter((i) => i % 3 !== 0);
    const cases: [Uint32Array | null, Int32Array | null][] = [
      [null, null],
      [sample, null],
      [null, Int32Array.of(0, 2, 4)],
      [sample, Int32Array.of(1, 2)]
    ];
    for (const [rows, feats] of cases) {
      const a = ref.grow(gh, rows, feats);
      const b = sharded.grow(gh, rows, feats);
      expect(b.tree).toEqual(a.tree);
      expect(b.tree.feature.length).toBeGreaterThan(7);
      expect(b.leafBegin).toEqual(a.leafBegin);
      expect(Array.from(sharded.rows.subarray(0, rows?.length ?? m.n))).toEqual(
        Array.from(ref.rows.subarray(0, rows?.length ?? m.n))
      );
    }
  });

  it("honours min_child_weight and max_depth 1 like TreeBuilder", () => {
    const {m, gh} = dataset(500, 3, 2);
    for (const p of [
      {...P, minChildWeight: 200},
      {...P, maxDepth: 1},
      {...P, maxDepth: 0}
    ]) {
      expect(oneThread(m, p).grow(gh, null, null).tree).toEqual(new TreeBuilder(m, p).grow(gh, null, null).tree);
    }
  });

  it("rejects slabs that do not match the thread count or depth", () => {
    const {m} = dataset(100, 3, 3);
    const small = new Float64Array(10);
    expect(
      () =>
        new ShardedTreeBuilder(m, P, {
          shard: shardOf(100, 0, 2),
          slabs: [[small, small]],
          sums: new Float64Array(4),
          sync: () => {}
        })
    ).toThrow(/1 slabs for 2 threads/);
    expect(
      () =>
        new ShardedTreeBuilder(m, P, {
          shard: shardOf(100, 0, 1),
          slabs: [[small, small]],
          sums: new Float64Array(2),
          sync: () => {}
        })
    ).toThrow(/slab of 10 values/);
  });

  it("splits rows into contiguous shards and finds a sample's rows in a shard", () => {
    expect([0, 1, 2].map((t) => shardOf(10, t, 3))).toEqual([
      {index: 0, count: 3, begin: 0, end: 3},
      {index: 1, count: 3, begin: 3, end: 6},
      {index: 2, count: 3, begin: 6, end: 10}
    ]);
    expect(Array.from(rowsInShard(Uint32Array.of(0, 2, 3, 5, 6, 9), shardOf(10, 1, 3)))).toEqual([3, 5]);
  });
});
