/**
 * The biased-MF SGD epoch (fitMf in ../models/factors/mf.ts) as a WebAssembly SIMD kernel, f32x4.
 * Plain JavaScript runs this loop several times slower than the C peer because V8 neither
 * vectorises nor keeps floats in single precision; the kernel closes that gap in Node and in the
 * browser alike. It performs the C peer's per-rating update (err; b_u; b_i; then every factor from
 * the old p_f, q_f) in single precision, only the dot product is summed in four lanes, so its
 * results differ from fitMf's JavaScript loop (double arithmetic, float32 storage) by rounding.
 */
import {Func, Kernel, moduleBytes} from "./assembler.js";

/** One SGD pass over ratings laid out in wasm memory (byte offsets); kb = factor stride in bytes (multiple of 16, ≥ 16). */
export type MfEpochFn = (
  users: number,
  movies: number,
  ratings: number,
  n: number,
  userFactors: number,
  itemFactors: number,
  userBias: number,
  itemBias: number,
  kb: number,
  mean: number,
  lr: number,
  reg: number
) => void;

function epochFunc(): Func {
  const f = new Func("epoch", {
    params: {
      users: "i32",
      movies: "i32",
      ratings: "i32",
      n: "i32",
      pBase: "i32",
      qBase: "i32",
      buBase: "i32",
      biBase: "i32",
      kb: "i32",
      mean: "f32",
      lr: "f32",
      reg: "f32"
    },
    locals: {
      z: "i32",
      po: "i32",
      qo: "i32",
      x: "i32",
      bua: "i32",
      bia: "i32",
      err: "f32",
      bu: "f32",
      bi: "f32",
      acc: "v128",
      pv: "v128",
      qv: "v128",
      le: "v128",
      dec: "v128"
    }
  });
  // Factor rows are 16-byte aligned (kb is a multiple of 16), so v128 accesses state their natural alignment.
  const addr = (base: string, index: () => void) => {
    f.get(base);
    index();
    f.i32(2).op("i32.shl", "i32.add");
  };
  // Over the padded factors of one rating, four at a time: f from 0 while f <u kb.
  const factorLoop = (body: () => void) => {
    f.i32(0).set("x");
    f.loop(() => {
      body();
      f.get("x").i32(16).op("i32.add").tee("x").get("kb").op("i32.lt_u").brIf(0);
    });
  };
  // dec = splat(1 − lr·reg): p·(1 − lr·reg) + lr·err·q is the C update p + lr·(err·q − reg·p) regrouped.
  f.f32(1).get("lr", "reg").op("f32.mul", "f32.sub", "f32x4.splat").set("dec");
  f.i32(0).set("z");
  f.whileLt("z", "n", () => {
    // po = pBase + users[z]·kb; bua = buBase + 4·users[z]; likewise for the movie.
    addr("users", () => f.get("z"));
    f.mem("i32.load").set("x");
    f.get("pBase", "x", "kb").op("i32.mul", "i32.add").set("po");
    addr("buBase", () => f.get("x"));
    f.set("bua");
    addr("movies", () => f.get("z"));
    f.mem("i32.load").set("x");
    f.get("qBase", "x", "kb").op("i32.mul", "i32.add").set("qo");
    addr("biBase", () => f.get("x"));
    f.set("bia");
    // acc = Σ p·q in four lanes.
    f.f32(0).op("f32x4.splat").set("acc");
    factorLoop(() => {
      f.get("acc", "po", "x")
        .op("i32.add")
        .mem("v128.load")
        .get("qo", "x")
        .op("i32.add")
        .mem("v128.load")
        .op("f32x4.mul", "f32x4.add")
        .set("acc");
    });
    // err = r − (μ + b_u + b_i + dot)
    f.get("bua").mem("f32.load").set("bu");
    f.get("bia").mem("f32.load").set("bi");
    addr("ratings", () => f.get("z"));
    f.mem("f32.load");
    f.get("mean", "bu").op("f32.add").get("bi").op("f32.add");
    f.get("acc").lane("f32x4.extract_lane", 0).get("acc").lane("f32x4.extract_lane", 1).op("f32.add");
    f.get("acc").lane("f32x4.extract_lane", 2).get("acc").lane("f32x4.extract_lane", 3).op("f32.add", "f32.add");
    f.op("f32.add", "f32.sub").set("err");
    // b_u += lr·(err − reg·b_u); b_i likewise.
    f.get("bua", "bu", "lr", "err", "reg", "bu").op("f32.mul", "f32.sub", "f32.mul", "f32.add").mem("f32.store");
    f.get("bia", "bi", "lr", "err", "reg", "bi").op("f32.mul", "f32.sub", "f32.mul", "f32.add").mem("f32.store");
    // p = p·dec + (lr·err)·q and q = q·dec + (lr·err)·p, both from the old p and q.
    f.get("lr", "err").op("f32.mul", "f32x4.splat").set("le");
    factorLoop(() => {
      f.get("po", "x").op("i32.add").mem("v128.load").set("pv");
      f.get("qo", "x").op("i32.add").mem("v128.load").set("qv");
      f.get("po", "x")
        .op("i32.add")
        .get("pv", "dec")
        .op("f32x4.mul")
        .get("le", "qv")
        .op("f32x4.mul", "f32x4.add")
        .mem("v128.store");
      f.get("qo", "x")
        .op("i32.add")
        .get("qv", "dec")
        .op("f32x4.mul")
        .get("le", "pv")
        .op("f32x4.mul", "f32x4.add")
        .mem("v128.store");
    });
    f.bump("z", 1);
  });
  return f;
}

/** The kernel's module bytes. */
export function mfSgdModuleBytes(): Uint8Array<ArrayBuffer> {
  return moduleBytes([epochFunc()]);
}

const kernel = new Kernel<{epoch: MfEpochFn}>("mf-sgd", mfSgdModuleBytes);

/** True when the kernel compiles here; fitMf runs its JavaScript loop otherwise. */
export function mfSgdAvailable(): boolean {
  return kernel.available();
}

/** A fresh kernel instance over `memory`, or null when WebAssembly SIMD is unavailable in this engine. */
export function mfSgdKernel(memory: WebAssembly.Memory): MfEpochFn | null {
  return kernel.instantiate(memory)?.epoch ?? null;
}
