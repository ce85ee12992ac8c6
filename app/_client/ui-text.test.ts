import { createTranslator } from "next-intl";
import { afterAll, describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import ko from "@/messages/ko.json";
import { refusalText, setUiText, uiText } from "./ui-text";

describe("ui-text", () => {
  afterAll(() => setUiText(createTranslator({ locale: "en", messages: en }), "en"));

  it("English keeps the server's words, except for a network failure", () => {
    setUiText(createTranslator({ locale: "en", messages: en }), "en");
    expect(refusalText("invalid", "email is not valid")).toBe("email is not valid");
    expect(refusalText("network", "Cannot reach the server")).toBe(en.errors.network);
    expect(uiText("files.tooMany", { max: 10, refused: 2 })).toBe("At most 10 files per message: 2 not added");
  });

  it("Korean says what the code means", () => {
    setUiText(createTranslator({ locale: "ko", messages: ko }), "ko");
    expect(refusalText("forbidden", "not a member")).toBe(ko.errors.forbidden);
    expect(refusalText("rate_limited", "slow down")).toBe(ko.errors.rate_limited);
    expect(uiText("log.couldNotLoad")).toBe("메시지를 불러오지 못했습니다.");
  });
});
