import { afterEach, describe, expect, it } from "vitest";
import { formatDay, formatLastSeen, formatLastUsed, setFormatLocale } from "./format-time";

const now = new Date("2026-11-29T12:00:00Z").getTime();
const ago = (ms: number) => new Date(now - ms).toISOString();
const MIN = 60_000;

afterEach(() => setFormatLocale("en"));

describe("format-time in the page's language", () => {
  it("English keeps its words", () => {
    setFormatLocale("en");
    expect(formatLastSeen(null, now)).toBe("offline");
    expect(formatLastSeen(ago(10_000), now)).toBe("last seen just now");
    expect(formatLastSeen(ago(5 * MIN), now)).toBe("last seen 5 minutes ago");
    expect(formatLastSeen(ago(26 * 60 * MIN), now)).toBe("last seen yesterday");
    expect(formatLastUsed(ago(5 * MIN), now)).toBe("Last used 5 minutes ago");
    expect(formatDay(new Date(now).toISOString(), new Date(now))).toBe("Today");
  });

  it("Korean", () => {
    setFormatLocale("ko");
    expect(formatLastSeen(null, now)).toBe("오프라인");
    expect(formatLastSeen(ago(10_000), now)).toBe("방금 전 접속");
    expect(formatLastSeen(ago(5 * MIN), now)).toBe("5분 전 접속");
    expect(formatLastSeen(ago(3 * 60 * MIN), now)).toBe("3시간 전 접속");
    expect(formatLastSeen(ago(26 * 60 * MIN), now)).toBe("어제 접속");
    expect(formatLastSeen(ago(30 * 24 * 60 * MIN), now)).toBe("10월 30일 접속");
    expect(formatLastUsed(ago(5 * MIN), now)).toBe("5분 전 사용");
    expect(formatDay(new Date(now).toISOString(), new Date(now))).toBe("오늘");
  });
});
