/**
 * Keyboard only, in Debian's Chromium (playwright-core): Tab, Shift+Tab, Enter, Space, arrows, Escape and
 * typed characters through `page.keyboard`, never a click, fill or focus(). On the widget's host page
 * (examples/embed-host, the embed test's servers) a person picks a user in `<movielab-predict>`, searches
 * a movie in its combobox (arrows move, Escape closes, Enter chooses) and reads the prediction from a
 * live region; in visitor mode they pick a movie, give it stars, fix a refused rating and remove it. In
 * the Lab they load the synthetic set, run a model to the end, cancel another run (each announced) and
 * delete the first.
 * At every stop the focused element must show a focus indicator with 3:1 contrast, and Tab must move
 * forward through the page (keyboard-walk.ts); KBD_LOG=1 prints every stop with its ring. Needs the
 * built site; skips without it or Chromium, except in CI where it fails.
 */
import {existsSync} from "node:fs";
import {join} from "node:path";
import type {Browser, Page} from "playwright-core";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {launchChromium} from "../browser/chromium.js";
import {serveStatic, type StaticServer} from "../browser/static-server.js";
import {watchPage} from "../browser/watch-page.js";
import {DIST, EMBED_READY, startEmbedHost, type EmbedHost} from "./embed-host-servers.js";
import {KeyboardWalk} from "./keyboard-walk.js";

const READY = EMBED_READY && existsSync(join(DIST, "lab.html"));

/** The text of the live region (aria-live, or role status/alert) that holds `selector`, "" when none does. */
function liveText(page: Page, selector: string): Promise<string> {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    const live = el?.closest("[aria-live]:not([aria-live=off]), [role=status], [role=alert], [role=log]");
    return live?.textContent?.replace(/\s+/g, " ").trim() ?? "";
  }, selector);
}

/** Waits until the widget `id` has rendered every lookup started so far. */
async function settled(page: Page, id: string): Promise<void> {
  await page.evaluate((i) => (document.getElementById(i) as unknown as {ready(): Promise<void>}).ready(), id);
}

/** The combobox's state: expanded, the active option's id and text, and whether it is visibly marked. */
function comboState(page: Page, id: string) {
  return page.evaluate((i) => {
    const input = document.querySelector<HTMLInputElement>(`#${i} input[role=combobox]`)!;
    const listbox = document.getElementById(input.getAttribute("aria-controls")!)!;
    const activeId = input.getAttribute("aria-activedescendant");
    const active = activeId ? document.getElementById(activeId) : null;
    const cs = active ? getComputedStyle(active) : null;
    return {
      expanded: input.getAttribute("aria-expanded"),
      listboxShown: !listbox.hidden && listbox.getClientRects().length > 0,
      options: listbox.querySelectorAll("[role=option][data-movie-id]").length,
      activeIndex: active ? [...listbox.children].indexOf(active) : -1,
      activeSelected: active?.getAttribute("aria-selected") ?? null,
      activeText: active?.textContent ?? null,
      // The active option is marked on screen: its own background or an outline, not the listbox's look.
      activeMarked:
        cs !== null &&
        (cs.backgroundColor !== getComputedStyle(listbox).backgroundColor ||
          (cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) > 0)),
      value: input.value
    };
  }, id);
}

/** Ends a walk: every stop had a visible focus ring in order (KBD_LOG=1 prints them), the page had no problem. */
async function finish(page: Page, walk: KeyboardWalk, problems: string[]): Promise<void> {
  if (process.env.KBD_LOG) console.log(walk.log.join("\n"));
  expect(walk.problems, walk.log.join("\n")).toEqual([]);
  expect(problems).toEqual([]);
  await page.close();
}

/** The combobox state after Escape or a choice: list closed, `value` in the input. */
const closedWith = (value: string) => ({expanded: "false", listboxShown: false, value});

describe.skipIf(!READY && process.env.CI !== "true")("keyboard only, in Chromium", () => {
  let browser: Browser;
  let embed: EmbedHost;
  beforeAll(async () => {
    embed = await startEmbedHost();
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await embed?.close();
  });

  it("the focus check fails a control with no focus indicator, or one too faint to see", async () => {
    const page = await browser.newPage();
    await page.setContent(`<main style="background:#fff">
      <button style="outline:none">plain</button>
      <button style="outline:2px solid #eee">faint</button>
      <button style="outline:2px solid #3b5fc0">clear</button></main>`);
    const walk = new KeyboardWalk(page);
    await walk.press("Tab");
    await walk.press("Tab");
    await walk.press("Tab");
    expect(walk.problems).toEqual([
      "Tab: button has no focus indicator (outline and box-shadow none)",
      "Tab: button focus outline 2px solid rgb(238, 238, 238) has contrast 1.16:1, below 3:1"
    ]);
    await page.close();
  });

  for (const colorScheme of ["light", "dark"] as const) {
    it(`<movielab-predict>: pick a user, search and choose a movie, read the prediction (${colorScheme})`, async () => {
      const page = await browser.newPage({colorScheme, viewport: {width: 1280, height: 900}});
      const problems = watchPage(page);
      await page.goto(embed.pageUrl);
      await page.waitForSelector("#bundle-widget .mlp-top-list li", {timeout: 60_000});
      await page.waitForSelector("#api-widget .mlp-top-list li", {timeout: 30_000});
      const walk = new KeyboardWalk(page);

      // 1. The user: the first stop in the widget is its user id, labelled; type another id and Enter.
      const user = await walk.tabTo((s) => s.within === "bundle-widget");
      expect(user.name).toBe("User id");
      await walk.press("Control+A");
      await walk.type("2");
      await walk.press("Enter");
      await page.waitForFunction(() =>
        /for user 2$/.test(document.querySelector("#bundle-widget .mlp-top .mlp-title")?.textContent ?? "")
      );
      expect(await liveText(page, "#bundle-widget .mlp-user-info > *")).toMatch(/\d+ ratings?/);

      // 2. The movie: Tab to the combobox, type part of a title the user's top list shows.
      const combo = await walk.press("Tab");
      expect(combo.desc).toContain("[role=combobox]");
      expect(combo.name).toBe("Movie");
      const title = (await page.locator("#bundle-widget .mlp-top-list li").first().textContent())!;
      const query = title.slice(0, 5);
      await walk.type(query);
      await settled(page, "bundle-widget");
      let state = await comboState(page, "bundle-widget");
      expect(state).toMatchObject({expanded: "true", listboxShown: true, activeIndex: -1});
      expect(state.options).toBeGreaterThan(0);
      await walk.press("ArrowDown");
      state = await comboState(page, "bundle-widget");
      expect(state).toMatchObject({activeIndex: 0, activeSelected: "true", activeMarked: true});
      if (state.options > 1) {
        await walk.press("ArrowDown");
        expect((await comboState(page, "bundle-widget")).activeIndex).toBe(1);
        await walk.press("ArrowUp");
        expect((await comboState(page, "bundle-widget")).activeIndex).toBe(0);
      }
      // Escape closes the list and keeps the text; ArrowDown opens it again on the first match.
      await walk.press("Escape");
      expect(await comboState(page, "bundle-widget")).toMatchObject(closedWith(query));
      await walk.press("ArrowDown");
      state = await comboState(page, "bundle-widget");
      expect(state).toMatchObject({expanded: "true", activeIndex: 0});
      const chosen = state.activeText!;
      await walk.press("Enter");
      expect(await comboState(page, "bundle-widget")).toMatchObject(closedWith(chosen));

      // 3. The prediction is in a live region, and says what the widget's value holds.
      await page.waitForSelector("#bundle-widget .mlp-result .mlp-expected");
      await settled(page, "bundle-widget");
      const expected = await page.evaluate(() => {
        const v = (document.getElementById("bundle-widget") as unknown as {value: {prediction: {expected: number}}})
          .value;
        return `${v.prediction.expected.toFixed(1)}★`;
      });
      expect(await page.locator("#bundle-widget .mlp-headline").textContent()).toBe(
        `${expected} expected for ${chosen}`
      );
      expect(await liveText(page, "#bundle-widget .mlp-announce")).toBe(`User 2, ${chosen}: ${expected} expected.`);

      // Focus stayed in the combobox; Tab leaves the widget for the next one, Shift+Tab comes back.
      expect((await walk.check("after the prediction")).desc).toContain("[role=combobox]");
      expect((await walk.press("Tab")).within).toBe("api-widget");
      expect((await walk.press("Shift+Tab")).desc).toContain("[role=combobox]");
      await finish(page, walk, problems);
    }, 120_000);
  }

  it("<movielab-predict mode=visitor>: choose a movie, rate it with a star, fix a refused rating, remove it", async () => {
    const page = await browser.newPage({viewport: {width: 1280, height: 900}});
    const problems = watchPage(page);
    await page.goto(embed.pageUrl);
    await page.waitForSelector("#visitor-widget .mlp-recs li", {timeout: 60_000});
    const walk = new KeyboardWalk(page);

    const combo = await walk.tabTo((s) => s.within === "visitor-widget");
    expect(combo.desc).toContain("[role=combobox]");
    const title = (await page
      .locator("#visitor-widget .mlp-recs li")
      .first()
      .evaluate((li) => li.firstChild!.textContent))!;
    await walk.type(title.slice(0, 8));
    await settled(page, "visitor-widget");
    await walk.press("ArrowDown");
    const chosen = (await comboState(page, "visitor-widget")).activeText!;
    await walk.press("Enter");
    await page.waitForSelector("#visitor-widget .mlp-current [data-movie-id]");
    await settled(page, "visitor-widget");
    expect(await liveText(page, "#visitor-widget .mlp-announce")).toMatch(
      new RegExp(`^${escape(chosen)}: \\d\\.\\d★ predicted for you\\.$`)
    );

    // The stars: one Tab stop each, named; Space on the fourth rates the movie 4.
    const one = await walk.press("Tab");
    expect(one.name).toBe("1 star");
    for (let i = 0; i < 3; i++) await walk.press("Tab");
    const four = await walk.check("3 × Tab");
    expect(four.name).toBe("4 stars");
    await walk.press("Space");
    await page.waitForSelector("#visitor-widget .mlp-rated-list li");
    await settled(page, "visitor-widget");
    expect(await liveText(page, "#visitor-widget .mlp-announce")).toMatch(
      new RegExp(`^You rated ${escape(chosen)} 4★\\. Now \\d\\.\\d★ predicted for it; top pick: .+\\.$`)
    );
    expect((await walk.check("after rating")).name).toBe("4 stars");

    // A refused typed rating is announced in the status line; Enter with a good one replaces it.
    await walk.press("Tab");
    const typed = await walk.press("Tab");
    expect(typed.name).toBe("Your rating");
    await walk.type("9");
    await walk.press("Enter");
    await page.waitForSelector("#visitor-widget .mlp-status.mlp-error");
    expect(await liveText(page, "#visitor-widget .mlp-status")).toMatch(/rating 9 of movie \d+ .* is not on the scale/);
    await walk.press("Control+A");
    await walk.type("3");
    await walk.press("Enter");
    await page.waitForFunction(() =>
      /— 3★/.test(document.querySelector("#visitor-widget .mlp-rated-list li")!.textContent!)
    );
    expect(await page.locator("#visitor-widget .mlp-status").textContent()).toBe("");

    // Remove it with its × button: focus goes to the search, not to the page's body.
    await walk.press("Tab");
    const remove = await walk.press("Tab");
    expect(remove.name).toBe(`Remove your rating of ${chosen}`);
    await walk.press("Enter");
    await page.waitForFunction(() => document.querySelectorAll("#visitor-widget .mlp-rated-list li").length === 0);
    const after = await walk.check("after removing");
    expect(after.desc).toContain("[role=combobox]");
    expect(await liveText(page, "#visitor-widget .mlp-announce")).toBe(`Removed your rating of ${chosen}.`);
    await finish(page, walk, problems);
  }, 120_000);

  describe("the Lab", () => {
    let site: StaticServer;
    beforeAll(async () => {
      site = await serveStatic(DIST);
    });
    afterAll(async () => {
      await site?.close();
    });

    for (const colorScheme of ["light", "dark"] as const) {
      it(`loads the synthetic set, runs a model to the end, cancels another and deletes the first, each announced (${colorScheme})`, async () => {
        const page = await browser.newPage({colorScheme, viewport: {width: 1280, height: 900}});
        const problems = watchPage(page);
        await page.goto(`${site.origin}/lab.html`);
        await page.waitForSelector("select[name=model]");
        const walk = new KeyboardWalk(page);

        await walk.tabTo((s) => s.desc.includes("[data-action=synthetic]"));
        await walk.press("Enter");
        await page.waitForSelector(".lab-data-status[data-state=ready]", {timeout: 120_000});
        expect(await liveText(page, ".lab-data-status")).toMatch(/^synthetic: 100,000 ratings/);

        // The model by type-ahead in its select, the protocol likewise; then the run button.
        const model = await walk.tabTo((s) => s.desc.includes("[name=model]"), 10);
        expect(model.name).toMatch(/^Model/);
        await walk.type("baseline");
        expect(await page.locator("select[name=model]").inputValue()).toBe("baseline");
        await walk.press("Tab");
        await walk.type("hold");
        expect(await page.locator("select[name=protocol]").inputValue()).toBe("hold-out");
        const run = await walk.tabTo((s) => s.desc.includes("[data-action=run]"), 30);
        expect(run.name).toBe("Run cross-validation");
        await walk.press("Enter");
        await page.waitForSelector("tr[data-run][data-status=done]", {timeout: 120_000});
        expect(await liveText(page, ".lab-announce")).toMatch(/^baseline, hold-out: done; RMSE \d\.\d{4}\.$/);
        expect((await walk.check("after the run")).desc).toContain("[data-action=run]");

        // A long run: MF with 500 epochs, cancelled from its row's Cancel button.
        const select = await walk.tabTo((s) => s.desc.includes("[name=model]"), 30, "Shift+Tab");
        expect(select.name).toMatch(/^Model/);
        await walk.type("mf");
        expect(await page.locator("select[name=model]").inputValue()).toBe("mf");
        const epochs = await walk.tabTo((s) => s.desc.includes("[name=param-epochs]"), 30);
        expect(epochs.name).toMatch(/^epochs/);
        await walk.press("Control+A");
        await walk.type("500");
        await walk.tabTo((s) => s.desc.includes("[data-action=run]"), 30);
        await walk.press("Enter");
        await page.waitForSelector("tr[data-run][data-status=running]");
        expect(await liveText(page, ".lab-announce")).toMatch(/^mf, hold-out: running/);
        const cancel = await walk.tabTo((s) => s.desc.includes("[data-action=cancel]"), 10);
        expect(cancel.name).toMatch(/^Cancel the run of mf/);
        await walk.press("Enter");
        await page.waitForSelector("tr[data-run][data-status=cancelled]", {timeout: 10_000});
        expect(await liveText(page, ".lab-announce")).toBe("mf, hold-out: cancelled.");
        // The Cancel button is gone: focus moved to the row's status, which says so, not to the body.
        const after = await walk.check("after cancel");
        expect(after.name).toBe("cancelled");
        // Delete the finished run from the row above: focus goes to the row that takes its place.
        await walk.press("Shift+Tab");
        const del = await walk.press("Shift+Tab");
        expect(del.name).toMatch(/^Delete the run of baseline \(hold-out\)/);
        await walk.press("Enter");
        await page.waitForFunction(() => document.querySelectorAll("tr[data-run]").length === 1);
        expect((await walk.check("after delete")).name).toBe("Compare the run of mf (hold-out)");
        await finish(page, walk, problems);
      }, 300_000);
    }
  });
});

/** `s` as a literal inside a RegExp. */
function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
