import { describe, expect, it } from "vitest";
import { emojiSchema } from "@/lib/contract/schemas";
import { COMMON_EMOJI, withRecent } from "./recent-emoji";

describe("recent emoji", () => {
  it("puts the last used first, once, and keeps at most max", () => {
    expect(withRecent([], "👍")).toEqual(["👍"]);
    expect(withRecent(["🎉", "👍", "😂"], "👍")).toEqual(["👍", "🎉", "😂"]);
    expect(withRecent(["a", "b", "c"], "d", 3)).toEqual(["d", "a", "b"]);
  });

  it("offers only emoji the server accepts as they are", () => {
    for (const e of COMMON_EMOJI) expect(emojiSchema.parse(e), e).toBe(e);
  });
});
