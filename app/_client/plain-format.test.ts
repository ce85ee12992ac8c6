import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatBody } from "./message-format";
import { needsParser, plainNodes } from "./plain-format";

describe("plain bodies without the parser", () => {
  it("gives what markdown-it gives for every body that does not need it", () => {
    const char = fc.constantFrom("a", "b", "가", "한", " ", "\n", ".", ",", "!", "?", "@", "#", ">", "-", "1", "(", ")", "[", "]", "&", "<", "é", "😀", "\u00a0", "\u3000", "\t", "+", "=", "|", "'", '"', "/", ":");
    fc.assert(
      fc.property(fc.array(char, { maxLength: 60 }).map((cs) => cs.join("")), (body) => {
        fc.pre(!needsParser(body));
        expect(plainNodes(body)).toEqual(formatBody(body));
      }),
      { numRuns: 3000 },
    );
  });

  it("sends formatting, addresses and code to the parser", () => {
    for (const body of ["**strong**", "_em_", "`code`", "~~~\nx\n~~~", "see https://example.com", "mail bob@example.com", "mailto:x@y.z", "a\tb"]) {
      expect(needsParser(body)).toBe(true);
    }
    for (const body of ["hello", "안녕하세요", "@Ann are you there?", "1 + 1 = 2", "<b>not html</b>"]) expect(needsParser(body)).toBe(false);
  });
});
