// Types of what scripts/accessible-html.mjs exports, for the tests and the preview.
/** The pages' language (BCP 47). */
export declare const LANG: string;
/** Framework's page HTML with lang on <html>, zoom allowed and a valid sidebar list; other HTML unchanged. */
export declare function accessibleHtml(html: string, options?: {lang?: string}): string;
/** Applies accessibleHtml to every .html file under dist, in place. */
export declare function accessibleDist(dist: string): {files: number; changed: number};
