// Types for the parts of Framework's `observablehq:stdlib` that the pages use. Framework ships none;
// fenced `ts` blocks in pages are compiled but not type-checked, so this mainly documents the contract
// for code that moves into lib/ or notebooks/embed/. Only the .json/.text/.arrayBuffer/.url methods are
// declared on purpose: the others (.csv, .arrow, .parquet, .zip, .xlsx) pull modules from a CDN.
declare module "observablehq:stdlib" {
  /** A file produced by a data loader or kept beside the page, resolved at build time. */
  export interface AbstractFile {
    readonly name: string;
    readonly mimeType: string;
    readonly lastModified: number | undefined;
    readonly size: number | undefined;
    json<T = unknown>(): Promise<T>;
    text(encoding?: string): Promise<string>;
    arrayBuffer(): Promise<ArrayBuffer>;
    url(): Promise<string>;
  }
  /** The file at a literal path relative to the page (Framework finds it by static analysis). */
  export function FileAttachment(name: string): AbstractFile;
  /** Calls render with the container's width (and height) in pixels, again whenever it changes. */
  export function resize(
    render: (width: number, height: number) => Node | Promise<Node>,
    invalidation?: Promise<void>
  ): Node;
  export const Generators: {
    input<T>(element: Element): AsyncGenerator<T>;
    observe<T>(change: (notify: (value: T) => void) => (() => void) | void): AsyncGenerator<T>;
    width(element: Element): AsyncGenerator<number>;
    dark(): AsyncGenerator<boolean>;
    now(): AsyncGenerator<number>;
  };
  /** A value that other cells can set, with observers re-running on change. */
  export function Mutable<T>(value: T): {value: T};
}
