import { describe, expect, it } from "vitest";
import type { ChannelEntry } from "./store";
import { titleWithUnread, totalUnread } from "./unread-count";

describe("titleWithUnread", () => {
  it("puts the count in front, replacing an earlier one, and drops it at zero", () => {
    expect(titleWithUnread("Chat", 3)).toBe("(3) Chat");
    expect(titleWithUnread("(3) Chat", 12)).toBe("(12) Chat");
    expect(titleWithUnread("(12) Chat", 0)).toBe("Chat");
    expect(titleWithUnread("Chat", 5000)).toBe("(999+) Chat");
    expect(titleWithUnread("(999+) Chat", 1)).toBe("(1) Chat");
    expect(titleWithUnread("(2024) report", 0)).toBe("report");
  });
});

describe("totalUnread", () => {
  it("adds up the conversations that are not muted", () => {
    const c = (id: string, unread: number, muted?: boolean) => ({ id, unread, muted }) as ChannelEntry;
    expect(totalUnread({ a: c("a", 2), b: c("b", 5, true), d: c("d", 1, false) })).toBe(3);
    expect(totalUnread({})).toBe(0);
  });
});
