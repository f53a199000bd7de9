// Debian's Chromium as the page checks, the widget's browser test and the page-load bench launch it:
// headless, and quiet on the network, so that any request a page makes is its own.
import {chromium, type Browser} from "playwright-core";

/** The browser binary: MOVIELAB_CHROMIUM, or Debian's /usr/bin/chromium. */
export const CHROMIUM = process.env.MOVIELAB_CHROMIUM ?? "/usr/bin/chromium";

const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync"
];

/** Launches CHROMIUM headless without background traffic (update checks, sync, QUIC probes); extra args appended. */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({executablePath: CHROMIUM, headless: true, args: [...ARGS, ...extraArgs]});
}
