// Types of what scripts/preview-panel.mjs exports, for the config.
/** The <script> element, as HTML, for the config's `head`. */
export declare const PREVIEW_PANEL_HEAD: string;
