/**
 * Keyboard-only driving for the accessibility tests: every key goes through `page.keyboard`, and after
 * each key the focused element is read (focus-probe.ts). A Tab must land on a later element of the
 * page, a Shift+Tab on an earlier one, and every stop must show a focus indicator with 3:1 contrast;
 * what fails is collected in `problems` (with the key and the element), for one assertion at the end.
 */
import type {Page} from "playwright-core";
import {focusState, indicatorProblems, type FocusState} from "./focus-probe.js";

export class KeyboardWalk {
  /** Every focus stop seen, in order, as "key → element (name)". */
  readonly log: string[] = [];
  /** Focus indicators missing or faint, and stops out of order. */
  readonly problems: string[] = [];
  private last: FocusState | null = null;

  constructor(private readonly page: Page) {}

  /** Presses `key` (a Playwright key name, e.g. "Tab", "Shift+Tab", "Enter", "ArrowDown") and checks where focus went. */
  async press(key: string): Promise<FocusState> {
    await this.page.keyboard.press(key);
    return this.check(key);
  }

  /** Types text into the focused element key by key, then checks focus. */
  async type(text: string): Promise<FocusState> {
    await this.page.keyboard.type(text, {delay: 15});
    return this.check(`type "${text}"`);
  }

  /** Reads the focused element after `what`, and records what is wrong with it. */
  async check(what: string): Promise<FocusState> {
    const s = await focusState(this.page);
    const ring = s.outline !== "" ? `${s.outline}, ${s.contrast.toFixed(1)}:1` : s.boxShadow || "no ring";
    this.log.push(`${what} → ${s.desc} (${s.name.slice(0, 60)}) [${ring}]`);
    for (const p of indicatorProblems(s)) this.problems.push(`${what}: ${p}`);
    const prev = this.last;
    if (prev !== null && !prev.isBody && !s.isBody) {
      if (what === "Tab" && s.order <= prev.order)
        this.problems.push(`Tab went back from ${prev.desc} to ${s.desc}: the focus order does not follow the page`);
      if (what === "Shift+Tab" && s.order >= prev.order)
        this.problems.push(`Shift+Tab went forward from ${prev.desc} to ${s.desc}`);
    }
    this.last = s;
    return s;
  }

  /** Presses Tab (or `key`) until `until` holds for the focused element, at most `max` times; throws with the log when it never does. */
  async tabTo(until: (s: FocusState) => boolean, max = 80, key: "Tab" | "Shift+Tab" = "Tab"): Promise<FocusState> {
    for (let i = 0; i < max; i++) {
      const s = await this.press(key);
      if (until(s)) return s;
    }
    throw new Error(`${key} never reached the element after ${max} presses:\n${this.log.slice(-max).join("\n")}`);
  }
}
