import {describe, expect, it} from "vitest";
import {UsageError} from "../../src/cli-command.js";
import {integerOption, stringOption} from "../../src/options/values.js";

describe("integerOption", () => {
  it("reads integers in range, and the fallback when the option is absent", () => {
    expect(integerOption("42", "port", 0, 65535, "movielab serve")).toBe(42);
    expect(integerOption(" -3 ", "k", -5, 5, "x")).toBe(-3);
    expect(integerOption(undefined, "port", 0, 65535, "x", 8080)).toBe(8080);
  });

  it("rejects a missing required option, non-integers and values out of range, naming the option", () => {
    expect(() => integerOption(undefined, "user", 0, 10, "movielab predict")).toThrow(UsageError);
    expect(() => integerOption(undefined, "user", 0, 10, "movielab predict")).toThrow(/--user is required/);
    for (const bad of ["1.5", "1e3", "", "0x10", "ten", "11", "-1", true]) {
      expect(() => integerOption(bad, "user", 0, 10, "x"), String(bad)).toThrow(
        /--user .*expected an integer from 0 to 10/
      );
    }
    expect(() => integerOption("99999999999999999999", "n", 0, Number.MAX_SAFE_INTEGER, "x")).toThrow(UsageError);
  });
});

describe("stringOption", () => {
  it("returns a non-empty string and rejects an absent, empty or flag value", () => {
    expect(stringOption("m.json", "model", "x", "<bundle>")).toBe("m.json");
    for (const bad of [undefined, "", true])
      expect(() => stringOption(bad, "model", "x", "<bundle>")).toThrow(/--model <bundle> is required/);
  });
});
