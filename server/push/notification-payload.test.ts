import { describe, expect, it } from "vitest";
import { buildNotification } from "./notification-payload";

const channel = { id: "c1", kind: "group" as const, name: "Team" };

describe("buildNotification", () => {
  it("names the sender and group, previews the text, links the message, stacks by channel", () => {
    expect(buildNotification({ channel, senderName: "Ann", seq: 7, body: "hello\n  there", showPreview: true, mentioned: false })).toEqual({
      title: "Ann in Team",
      body: "hello there",
      tag: "channel:c1",
      url: "/c/c1/m/7",
      channelId: "c1",
      seq: 7,
    });
  });

  it("hides the text when previews are off and shortens long text", () => {
    const p = { channel: { id: "d", kind: "direct" as const, name: null }, senderName: "Bo", seq: 1 };
    expect(buildNotification({ ...p, body: "secret", showPreview: false, mentioned: true }).body).toBe("Mentioned you");
    expect(buildNotification({ ...p, body: "secret", showPreview: false, mentioned: false })).toMatchObject({ title: "Bo", body: "New message" });
    expect([...buildNotification({ ...p, body: "가".repeat(500), showPreview: true, mentioned: false }).body]).toHaveLength(140);
  });

  it("says Photo, or the file's name, for files sent without text", () => {
    const p = { channel, senderName: "Ann", seq: 2, body: "", showPreview: true, mentioned: false };
    expect(buildNotification({ ...p, firstFile: { name: "cat.jpg", type: "image/jpeg" } }).body).toBe("Photo");
    expect(buildNotification({ ...p, firstFile: { name: "report.pdf", type: "application/pdf" } }).body).toBe("report.pdf");
    expect(buildNotification({ ...p, body: "look", firstFile: { name: "cat.jpg", type: "image/jpeg" } }).body).toBe("look");
    expect(buildNotification({ ...p, showPreview: false, firstFile: { name: "cat.jpg", type: "image/jpeg" } }).body).toBe("New message");
  });
});

describe("buildNotification in the recipient's language", () => {
  const group = { id: "g1", kind: "group" as const, name: "팀" };
  it("Korean words for a Korean recipient, English for anything else", () => {
    const base = { channel: group, senderName: "민수", seq: 1, body: "x", showPreview: false, mentioned: false };
    expect(buildNotification({ ...base, locale: "ko" })).toMatchObject({ title: "민수 (팀)", body: "새 메시지" });
    expect(buildNotification({ ...base, locale: "ko", mentioned: true }).body).toBe("회원님을 멘션했습니다");
    expect(buildNotification({ ...base, locale: "ko", body: "", showPreview: true, firstFile: { name: "a.png", type: "image/png" } }).body).toBe("사진");
    expect(buildNotification({ ...base, locale: "xx" })).toMatchObject({ title: "민수 in 팀", body: "New message" });
    expect(buildNotification({ ...base, senderName: null, locale: "en" }).title).toBe("Someone in 팀");
  });
});
