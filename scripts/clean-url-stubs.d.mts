/** A marker in each stub, so that checks can tell a stub from a page. */
export declare const STUB_MARKER: string;
/** Where the stub in `X/` sends the reader, relative to it: `../X.html` (URL-encoded). */
export declare function stubTarget(pageFile: string): string;
/** The stub that sends a reader from `X/` to `../X.html`; title is the page's own. */
export declare function stubHtml(pageFile: string, title: string): string;
/** True when html is a stub written by writeCleanUrlStubs. */
export declare function isCleanUrlStub(html: string): boolean;
/** Writes X/index.html beside every page X.html that has no folder index yet. */
export declare function writeCleanUrlStubs(dist: string): {written: string[]; skipped: string[]};
