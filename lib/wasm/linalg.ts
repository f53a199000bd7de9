/**
 * Dot product and axpy over float64 rows in wasm memory, two lanes at a time (f64x2 SIMD).
 * The dense EASE inversion spends all its time in these two loops; in plain JS they run
 * several times slower (bounds checks, no vectorisation). Null when the engine lacks SIMD.
 */
import {f64Bytes, kernelLoader, op, simd, T, vop} from "./assembler.js";

/** Σ a[i]·b[i] over n doubles at byte offsets a, b. */
export type DotFn = (a: number, b: number, n: number) => number;
/** y[i] += c·x[i] over n doubles at byte offsets y, x. */
export type AxpyFn = (y: number, x: number, c: number, n: number) => void;

const g = (i: number) => [op.get, i];
const s = (i: number) => [op.set, i];
const v128Load = [...vop(simd.load), 3, 0];
const v128Store = [...vop(simd.store), 3, 0];

// dot(a, b, n): locals i (bytes), end (bytes, even part), acc v128, sum f64
function dotBody(): number[] {
  const A = 0, B = 1, N = 2, I = 3, END = 4, ACC = 5, SUM = 6;
  return [
    ...g(N), op.i32Const, 3, op.i32Shl, op.i32Const, 0x70, op.i32And, ...s(END), // end = (n·8) & ~15 (0x70 is −16 in signed LEB128)
    op.f64Const, ...f64Bytes(0), ...vop(simd.f64x2Splat), ...s(ACC),
    op.block, 0x40, op.loop, 0x40,
    ...g(I), ...g(END), op.i32GeU, op.brIf, 1,
    ...g(ACC), ...g(A), ...g(I), op.i32Add, ...v128Load, ...g(B), ...g(I), op.i32Add, ...v128Load, ...vop(simd.f64x2Mul), ...vop(simd.f64x2Add), ...s(ACC),
    ...g(I), op.i32Const, 16, op.i32Add, ...s(I), op.br, 0,
    op.end, op.end,
    ...g(ACC), ...vop(simd.f64x2Extract), 0, ...g(ACC), ...vop(simd.f64x2Extract), 1, op.f64Add, ...s(SUM),
    // odd n: one scalar term left
    ...g(N), op.i32Const, 1, op.i32And, op.if, 0x40,
    ...g(SUM), ...g(A), ...g(END), op.i32Add, op.f64Load, 3, 0, ...g(B), ...g(END), op.i32Add, op.f64Load, 3, 0, op.f64Mul, op.f64Add, ...s(SUM),
    op.end,
    ...g(SUM)
  ];
}

// axpy(y, x, c, n): locals i, end, cv v128
function axpyBody(): number[] {
  const Y = 0, X = 1, C = 2, N = 3, I = 4, END = 5, CV = 6;
  return [
    ...g(N), op.i32Const, 3, op.i32Shl, op.i32Const, 0x70, op.i32And, ...s(END),
    ...g(C), ...vop(simd.f64x2Splat), ...s(CV),
    op.block, 0x40, op.loop, 0x40,
    ...g(I), ...g(END), op.i32GeU, op.brIf, 1,
    ...g(Y), ...g(I), op.i32Add,
    ...g(Y), ...g(I), op.i32Add, ...v128Load, ...g(CV), ...g(X), ...g(I), op.i32Add, ...v128Load, ...vop(simd.f64x2Mul), ...vop(simd.f64x2Add),
    ...v128Store,
    ...g(I), op.i32Const, 16, op.i32Add, ...s(I), op.br, 0,
    op.end, op.end,
    ...g(N), op.i32Const, 1, op.i32And, op.if, 0x40,
    ...g(Y), ...g(END), op.i32Add,
    ...g(Y), ...g(END), op.i32Add, op.f64Load, 3, 0, ...g(C), ...g(X), ...g(END), op.i32Add, op.f64Load, 3, 0, op.f64Mul, op.f64Add,
    op.f64Store, 3, 0,
    op.end
  ];
}

// Four rows at a time: one streamed row serves four cached ones, so the dense inversion reads
// each streamed row a quarter as often (it is memory-bound at 1,682², 22 MB per matrix).

/** out[t] = Σ a_t[i]·b[i] for t = 0..3 (out: byte offset of 4 doubles). */
export type Dot4Fn = (a0: number, a1: number, a2: number, a3: number, b: number, n: number, out: number) => void;
/** y_t[i] += c_t·x[i] for t = 0..3. */
export type Axpy4Fn = (y0: number, y1: number, y2: number, y3: number, x: number, c0: number, c1: number, c2: number, c3: number, n: number) => void;
/** y[i] += Σ_t c_t·x_t[i]. */
export type Gather4Fn = (y: number, x0: number, x1: number, x2: number, x3: number, c0: number, c1: number, c2: number, c3: number, n: number) => void;

const at = (base: number, i: number) => [...g(base), ...g(i), op.i32Add];
const evenEnd = (n: number, end: number) => [...g(n), op.i32Const, 3, op.i32Shl, op.i32Const, 0x70, op.i32And, ...s(end)];
const loopTo = (i: number, end: number, body: number[]) => [
  op.block, 0x40, op.loop, 0x40, ...g(i), ...g(end), op.i32GeU, op.brIf, 1, ...body, ...g(i), op.i32Const, 16, op.i32Add, ...s(i), op.br, 0, op.end, op.end
];
const ifOdd = (n: number, body: number[]) => [...g(n), op.i32Const, 1, op.i32And, op.if, 0x40, ...body, op.end];
const f64At = (base: number, i: number) => [...at(base, i), op.f64Load, 3, 0];

function dot4Body(): number[] {
  const A = [0, 1, 2, 3], B = 4, N = 5, OUT = 6, I = 7, END = 8, ACC = [9, 10, 11, 12], BV = 13, SUM = 14;
  const body: number[] = [...evenEnd(N, END)];
  for (const acc of ACC) body.push(op.f64Const, ...f64Bytes(0), ...vop(simd.f64x2Splat), ...s(acc));
  const step: number[] = [...at(B, I), ...v128Load, ...s(BV)];
  A.forEach((a, t) => step.push(...g(ACC[t]), ...at(a, I), ...v128Load, ...g(BV), ...vop(simd.f64x2Mul), ...vop(simd.f64x2Add), ...s(ACC[t])));
  body.push(...loopTo(I, END, step));
  A.forEach((a, t) => {
    body.push(...g(ACC[t]), ...vop(simd.f64x2Extract), 0, ...g(ACC[t]), ...vop(simd.f64x2Extract), 1, op.f64Add, ...s(SUM));
    body.push(...ifOdd(N, [...g(SUM), ...f64At(a, END), ...f64At(B, END), op.f64Mul, op.f64Add, ...s(SUM)]));
    body.push(...g(OUT), ...g(SUM), op.f64Store, 3, t * 8);
  });
  return body;
}

function axpy4Body(): number[] {
  const Y = [0, 1, 2, 3], X = 4, C = [5, 6, 7, 8], N = 9, I = 10, END = 11, CV = [12, 13, 14, 15], XV = 16;
  const body: number[] = [...evenEnd(N, END)];
  C.forEach((c, t) => body.push(...g(c), ...vop(simd.f64x2Splat), ...s(CV[t])));
  const step: number[] = [...at(X, I), ...v128Load, ...s(XV)];
  Y.forEach((y, t) => step.push(...at(y, I), ...at(y, I), ...v128Load, ...g(CV[t]), ...g(XV), ...vop(simd.f64x2Mul), ...vop(simd.f64x2Add), ...v128Store));
  body.push(...loopTo(I, END, step));
  const tail: number[] = [];
  Y.forEach((y, t) => tail.push(...at(y, END), ...f64At(y, END), ...g(C[t]), ...f64At(X, END), op.f64Mul, op.f64Add, op.f64Store, 3, 0));
  body.push(...ifOdd(N, tail));
  return body;
}

function gather4Body(): number[] {
  const Y = 0, X = [1, 2, 3, 4], C = [5, 6, 7, 8], N = 9, I = 10, END = 11, CV = [12, 13, 14, 15];
  const body: number[] = [...evenEnd(N, END)];
  C.forEach((c, t) => body.push(...g(c), ...vop(simd.f64x2Splat), ...s(CV[t])));
  const step: number[] = [...at(Y, I), ...at(Y, I), ...v128Load];
  X.forEach((x, t) => step.push(...g(CV[t]), ...at(x, I), ...v128Load, ...vop(simd.f64x2Mul), ...vop(simd.f64x2Add)));
  step.push(...v128Store);
  body.push(...loopTo(I, END, step));
  const tail: number[] = [...at(Y, END), ...f64At(Y, END)];
  X.forEach((x, t) => tail.push(...g(C[t]), ...f64At(x, END), op.f64Mul, op.f64Add));
  tail.push(op.f64Store, 3, 0);
  body.push(...ifOdd(N, tail));
  return body;
}

export interface LinalgKernels {
  dot: DotFn;
  axpy: AxpyFn;
  dot4: Dot4Fn;
  axpy4: Axpy4Fn;
  gather4: Gather4Fn;
}

const i32 = T.i32, f64 = T.f64;
const load = kernelLoader<LinalgKernels>(() => [
  {name: "dot", params: [i32, i32, i32], results: [f64], locals: [[2, i32], [1, T.v128], [1, f64]], body: dotBody()},
  {name: "axpy", params: [i32, i32, f64, i32], results: [], locals: [[2, i32], [1, T.v128]], body: axpyBody()},
  {name: "dot4", params: [i32, i32, i32, i32, i32, i32, i32], results: [], locals: [[2, i32], [5, T.v128], [1, f64]], body: dot4Body()},
  {name: "axpy4", params: [i32, i32, i32, i32, i32, f64, f64, f64, f64, i32], results: [], locals: [[2, i32], [5, T.v128]], body: axpy4Body()},
  {name: "gather4", params: [i32, i32, i32, i32, i32, f64, f64, f64, f64, i32], results: [], locals: [[2, i32], [4, T.v128]], body: gather4Body()}
]);

/** The kernels over `memory`, or null without WebAssembly SIMD. */
export function linalgKernels(memory: WebAssembly.Memory): LinalgKernels | null {
  return load(memory);
}
