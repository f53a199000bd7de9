/**
 * The Lab's own styles, added once per document by the Lab's controls (DataPicker, LabPanel): a focus
 * ring with 3:1 contrast on every control and on the cells focus is moved to (WCAG 2.4.7, 1.4.11),
 * error and muted text with AA contrast in both schemes, and the visually hidden class. Scoped to .lab-* so the
 * site theme stays in charge of the rest of the page.
 */
const LAB_CSS = `
:is(.lab-panel, .lab-data) :is(input, button, select, textarea, summary, a[href], [tabindex]):focus-visible {
  outline: 2px solid var(--theme-foreground-focus, #3b5fc0);
  outline-offset: 2px;
}
.lab-error { color: #b3261e; }
/* Not the theme's muted colour (60% of the foreground, 4.4:1 on white): 75% keeps AA in both schemes. */
.lab-muted { color: color-mix(in srgb, var(--theme-foreground, #1b1e23) 75%, var(--theme-background, #ffffff)); }
@media (prefers-color-scheme: dark) {
  .lab-error { color: #ff8a80; }
}
.lab-sr-only {
  position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
  clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; border: 0;
}
`;

const ID = "movielab-lab-css";

/** Adds the Lab's stylesheet to doc's head unless it is there. */
export function useLabStyles(doc: Document): void {
  if (doc.getElementById(ID) !== null) return;
  const style = doc.createElement("style");
  style.id = ID;
  style.textContent = LAB_CSS;
  doc.head.append(style);
}
