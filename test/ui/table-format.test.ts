import {describe, expect, it} from "vitest";
import {plainInteger, scoreFormat} from "../../lib/ui/table-format.js";

describe("plainInteger", () => {
  it("writes years and ids without grouping", () => {
    expect(plainInteger(1977)).toBe("1977");
    expect(plainInteger(1677)).toBe("1677");
    expect(plainInteger(null)).toBe("—");
    expect(plainInteger(undefined)).toBe("—");
    expect(plainInteger(NaN)).toBe("—");
  });
});

describe("scoreFormat", () => {
  it("keeps whole scores whole and rounds the others", () => {
    const f = scoreFormat();
    expect(f(495)).toBe("495");
    expect(f(4.12345)).toBe("4.123");
    expect(f(0.5)).toBe("0.500");
    expect(scoreFormat(2)(0.128)).toBe("0.13");
    expect(f(null)).toBe("—");
  });
});
