/**
 * The widget's stylesheet, scoped by the .mlp- class prefix. Colours are CSS variables that follow
 * an Observable Framework theme when there is one (--theme-*) and the reader's light/dark
 * preference otherwise; a host page can override any --mlp-* variable. The defaults meet WCAG AA in both
 * schemes: text 4.5:1 or more (muted text is 75% foreground: 7.3:1 light, 8:1 dark), and control borders and the focus ring
 * 3:1 or more against the background (1.4.11). Focus is shown with :focus-visible on every control.
 */
export const WIDGET_CSS = `
.mlp-root {
  --mlp-fg: var(--theme-foreground, #1b1e23);
  --mlp-bg: var(--theme-background, #ffffff);
  /* Not the theme's muted colour: Framework's (60% of the foreground) is 4.4:1 on white, below AA. */
  --mlp-muted: color-mix(in srgb, var(--mlp-fg) 75%, var(--mlp-bg));
  --mlp-border: var(--theme-foreground-faintest, #d5d8de);
  --mlp-control: #767c86;
  --mlp-accent: var(--theme-foreground-focus, #3b5fc0);
  --mlp-focus: var(--mlp-accent);
  --mlp-active: color-mix(in srgb, var(--mlp-accent) 16%, var(--mlp-bg));
  --mlp-bar: var(--mlp-accent);
  --mlp-error: #b3261e;
  color: var(--mlp-fg);
  background: var(--mlp-bg);
  font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif;
  display: grid;
  gap: 0.75rem;
  max-width: 640px;
  padding: 0.75rem;
  border: 1px solid var(--mlp-border);
  border-radius: 6px;
}
@media (prefers-color-scheme: dark) {
  .mlp-root {
    --mlp-fg: var(--theme-foreground, #e6e8eb);
    --mlp-bg: var(--theme-background, #16181d);
    --mlp-border: var(--theme-foreground-faintest, #3a3f49);
    --mlp-control: #868d99;
    --mlp-accent: var(--theme-foreground-focus, #8aa7ff);
    --mlp-error: #ff8a80;
  }
}
.mlp-root * { box-sizing: border-box; }
.mlp-row { display: grid; grid-template-columns: 7rem 1fr; gap: 0.25rem 0.5rem; align-items: start; }
.mlp-root label { font-weight: 600; padding-top: 0.25rem; }
.mlp-root input {
  font: inherit; color: var(--mlp-fg); background: var(--mlp-bg);
  border: 1px solid var(--mlp-control); border-radius: 4px; padding: 0.25rem 0.4rem; width: 100%;
}
.mlp-root :is(input, button, select, textarea, a[href], [tabindex]):focus-visible {
  outline: 2px solid var(--mlp-focus); outline-offset: 2px;
}
.mlp-sr-only {
  position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
  clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; border: 0;
}
.mlp-muted { color: var(--mlp-muted); font-size: 0.9em; }
.mlp-combo { position: relative; }
.mlp-listbox {
  list-style: none; margin: 2px 0 0; padding: 2px; position: absolute; z-index: 10; left: 0; right: 0;
  background: var(--mlp-bg); border: 1px solid var(--mlp-border); border-radius: 4px; max-height: 16rem; overflow-y: auto;
}
.mlp-listbox[hidden] { display: none; }
.mlp-option { padding: 0.2rem 0.4rem; cursor: pointer; border-radius: 3px; }
.mlp-option[aria-selected="true"] { background: var(--mlp-active); outline: 2px solid var(--mlp-focus); outline-offset: -2px; }
.mlp-result { display: grid; gap: 0.25rem; }
.mlp-headline { font-size: 1.1em; }
.mlp-headline strong { font-size: 1.4em; }
.mlp-bars text { fill: var(--mlp-fg); font-size: 12px; }
.mlp-bars rect.mlp-bar { fill: var(--mlp-bar); }
.mlp-bars rect.mlp-bar-top { fill: var(--mlp-accent); stroke: var(--mlp-fg); stroke-width: 1; }
.mlp-bars rect.mlp-track { fill: var(--mlp-border); opacity: 0.4; }
.mlp-list { margin: 0; padding-left: 1.5rem; }
.mlp-status { min-height: 1.2em; }
.mlp-status.mlp-error { color: var(--mlp-error); }
.mlp-title { font-weight: 600; margin: 0; font-size: 1em; }
.mlp-root button {
  font: inherit; color: var(--mlp-fg); background: var(--mlp-bg); cursor: pointer;
  border: 1px solid var(--mlp-control); border-radius: 4px; padding: 0.15rem 0.45rem;
}
.mlp-root button:hover { background: var(--mlp-active); }
.mlp-rate { display: grid; gap: 0.35rem; }
.mlp-stars { display: flex; flex-wrap: wrap; gap: 0.25rem; }
.mlp-stars button[aria-pressed="true"] { background: var(--mlp-active); border-color: var(--mlp-focus); font-weight: 600; }
.mlp-typed { display: flex; gap: 0.35rem; max-width: 14rem; }
.mlp-because { font-size: 0.85em; overflow-wrap: anywhere; }
.mlp-rated-list button { padding: 0 0.35rem; margin-left: 0.25rem; }
`;
