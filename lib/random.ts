/**
 * Seeded randomness for every split, model and figure: the same seed gives the same numbers
 * in Node and in the browser. The generator is SplitMix32-seeded xoshiro128** (32-bit integer
 * ops only, so results are bit-identical across engines).
 */
export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal deviate (mean 0, sd 1), Box–Muller. */
  normal(): number;
  /** Shuffles an array-like in place (Fisher–Yates) and returns it. */
  shuffle<
    T extends {
      /** Elements to shuffle (indices 0..length-1). */
      length: number;
      [i: number]: unknown;
    }
  >(
    a: T
  ): T;
  /** The raw 32-bit state, so a generator can be resumed. */
  state(): [number, number, number, number];
}

/** Creates a generator from an integer seed (any 32-bit value). */
export function createRng(seed: number): Rng {
  let x = seed >>> 0;
  const splitmix = (): number => {
    x = (x + 0x9e3779b9) | 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let s0 = splitmix(),
    s1 = splitmix(),
    s2 = splitmix(),
    s3 = splitmix();
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1;
  let spare = NaN;

  const nextU32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };
  const next = (): number => nextU32() / 4294967296;

  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    normal() {
      if (!Number.isNaN(spare)) {
        const v = spare;
        spare = NaN;
        return v;
      }
      let u = 0;
      while (u === 0) u = next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    shuffle(a) {
      for (let i = a.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
      }
      return a;
    },
    state: () => [s0, s1, s2, s3]
  };
}

function rotl(v: number, k: number): number {
  return (v << k) | (v >>> (32 - k));
}

/** Gamma(shape ≥ 1, scale 1) by Marsaglia–Tsang. */
export function gammaSample(rng: Rng, shape: number): number {
  const d = shape - 1 / 3,
    c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number, v: number;
    do {
      x = rng.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.next();
    if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}
