import { describe, expect, it } from "vitest";
import { judgeLive } from "./live-order";

describe("judgeLive", () => {
  it("does not judge the first live message after a (re)connect", () => {
    expect(judgeLive(undefined, 40, 3)).toBeNull();
  });
  it("accepts exactly the next seq", () => {
    expect(judgeLive(7, 8, 7)).toBeNull();
  });
  it("flags a seq at or below the highest seen live", () => {
    expect(judgeLive(12, 11, 10)).toBe("not-after-previous");
    expect(judgeLive(12, 12, 12)).toBe("not-after-previous");
  });
  it("flags a skipped seq when the device held everything before", () => {
    expect(judgeLive(10, 12, 10)).toBe("skipped");
  });
  it("does not flag a skip while the device still has a hole below", () => {
    expect(judgeLive(10, 12, 4)).toBeNull();
  });
  it("counts a swapped pair twice: once skipped, once not after previous", () => {
    const held = new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const heldUpTo = () => {
      let n = 0;
      while (held.has(n + 1)) n++;
      return n;
    };
    let previous: number | undefined = 10;
    const faults = [11, 13, 12, 14].map((seq) => {
      const fault = judgeLive(previous, seq, heldUpTo());
      previous = Math.max(previous ?? 0, seq);
      held.add(seq);
      return fault;
    });
    expect(faults).toEqual([null, "skipped", "not-after-previous", null]);
  });
});
