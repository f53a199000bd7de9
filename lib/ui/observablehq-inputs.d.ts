// Types for the parts of @observablehq/inputs 0.12 that lib/ui/inputs.ts wraps or passes on (the
// package ships none). Options are the documented ones the pages use; every input is a <form>.
declare module "@observablehq/inputs" {
  /** Options of Inputs.table (README of @observablehq/inputs). */
  export interface TableOptions {
    columns?: readonly string[];
    value?: unknown;
    required?: boolean;
    sort?: string;
    reverse?: boolean;
    format?: Record<string, (value: never, index: number, data: unknown) => unknown>;
    locale?: string;
    align?: Record<string, "left" | "right" | "center">;
    header?: Record<string, string | Node>;
    /** Rows shown before the box scrolls (default 11.5). */
    rows?: number;
    maxWidth?: number | string;
    height?: number | string;
    maxHeight?: number | string;
    width?: number | string | Record<string, number | string>;
    multiple?: boolean;
    /** Whether rows can be selected (a checkbox column; default true). */
    select?: boolean;
    layout?: "fixed" | "auto";
  }
  /** Options of Inputs.range. */
  export interface RangeOptions {
    label?: string | Node;
    step?: number;
    value?: number;
    format?: (x: number) => string;
    transform?: (x: number) => number;
    invert?: (x: number) => number;
    placeholder?: string;
    validate?: (input: HTMLInputElement) => boolean;
    width?: number | string;
    disabled?: boolean;
    /** Not Inputs' own: the slider's accessible name when there is no label (lib/ui/inputs.ts). */
    ariaLabel?: string;
  }
  /** An input of @observablehq/inputs: a form whose `value` is the input's value. */
  type Input = HTMLFormElement;
  export function table(data: Iterable<object> | ArrayLike<object>, options?: TableOptions): Input;
  export function range(extent?: [number, number], options?: RangeOptions): Input;
  export function button(...args: unknown[]): Input;
  export function checkbox(...args: unknown[]): Input;
  export function date(...args: unknown[]): Input;
  export function form(...args: unknown[]): Input;
  export function radio(...args: unknown[]): Input;
  export function search(...args: unknown[]): Input;
  export function select(...args: unknown[]): Input;
  export function text(...args: unknown[]): Input;
  export function textarea(...args: unknown[]): Input;
  export function toggle(...args: unknown[]): Input;
}
