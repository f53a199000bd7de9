// The preview's progress panel: a script put in every page's <head> by observablehq.config.ts when
// scripts/preview.mjs runs the preview (MOVIELAB_PREVIEW=1), never in a build. It polls
// /_movielab/loaders (answered by scripts/preview.mjs) and lists the data loaders still running,
// with their elapsed time and last progress line, so a first visit shows what it waits for.

/** The <script> element, as HTML, for the config's `head`. */
export const PREVIEW_PANEL_HEAD = `<script type="module">
const box = document.createElement("aside");
box.id = "movielab-loaders";
box.setAttribute("role", "status");
box.setAttribute("aria-live", "polite");
box.style.cssText = "position:fixed;right:1rem;bottom:1rem;z-index:1000;max-width:min(32rem,calc(100vw - 2rem));padding:.6rem .8rem;border-radius:6px;font:13px/1.4 var(--sans-serif,system-ui);background:var(--theme-background-alt,#f4f4f4);color:var(--theme-foreground,#222);box-shadow:0 2px 10px rgba(0,0,0,.25);display:none";
document.addEventListener("DOMContentLoaded", () => document.body.append(box));
const text = (tag, s) => Object.assign(document.createElement(tag), {textContent: s});
async function poll() {
  let running = [];
  try {
    const res = await fetch("/_movielab/loaders", {cache: "no-store"});
    if (res.ok) running = await res.json();
  } catch {}
  box.replaceChildren();
  if (running.length > 0) {
    box.append(text("strong", "Computing (first visit; cached afterwards)"));
    for (const r of running) {
      const row = text("div", r.loader + " · " + Math.round((Date.now() - r.started) / 1000) + " s");
      row.dataset.loader = r.loader;
      if (r.message) row.append(text("div", r.message));
      row.lastChild.style && (row.lastChild.style.opacity = ".75");
      box.append(row);
    }
  }
  box.style.display = running.length > 0 ? "block" : "none";
  setTimeout(poll, running.length > 0 ? 500 : 1500);
}
poll();
</script>`;
