import { createTranslator } from "next-intl";
import { beforeAll, describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import ko from "@/messages/ko.json";
import { setUiText } from "./ui-text";
import { describeUserAgent } from "./user-agent";

beforeAll(() => setUiText(createTranslator({ locale: "en", messages: en }), "en"));

describe("describeUserAgent", () => {
  it("names the browser and the system", () => {
    expect(
      describeUserAgent("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36"),
    ).toBe("Chrome on Linux");
    expect(
      describeUserAgent("Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1"),
    ).toBe("Safari on iOS");
    expect(describeUserAgent("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0")).toBe("Firefox on Windows");
  });

  it("keeps a script's own product token, and says when there is none", () => {
    expect(describeUserAgent("curl/8.5.0")).toBe("curl/8.5.0");
    expect(describeUserAgent("node")).toBe("node");
    expect(describeUserAgent(null)).toBe("Unknown device");
  });
});

describe("describeUserAgent in Korean", () => {
  it("puts the system first, as Korean says it", () => {
    setUiText(createTranslator({ locale: "ko", messages: ko }), "ko");
    try {
      expect(describeUserAgent("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0")).toBe("Windows의 Firefox");
      expect(describeUserAgent(null)).toBe("알 수 없는 기기");
    } finally {
      setUiText(createTranslator({ locale: "en", messages: en }), "en");
    }
  });
});
