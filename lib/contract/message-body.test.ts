import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bodyProblem } from "./message-body";

describe("bodyProblem", () => {
  it("refuses empty and whitespace-only bodies", () => {
    for (const b of ["", " ", "\n\t ", "\u3000"]) expect(bodyProblem(b)).toBe("empty");
  });

  it("counts code points: 4000 emoji pass, 4001 characters do not", () => {
    expect(bodyProblem("😀".repeat(4000))).toBeNull();
    expect(bodyProblem("a".repeat(4001))).toBe("too_large");
    expect(bodyProblem("한".repeat(4000))).toBeNull();
  });

  it("accepts any text with a visible character up to the limit", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 3999 }), fc.constantFrom("a", "회", "😀", "!"), (s, visible) => {
        const body = s + visible;
        expect(bodyProblem(body)).toBe([...body].length > 4000 ? "too_large" : null);
      }),
    );
  });
});
