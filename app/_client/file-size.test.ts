import { createTranslator } from "next-intl";
import { beforeAll, describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import ko from "@/messages/ko.json";
import { setUiText } from "./ui-text";
import { fileKindLabel, fitInside, formatFileSize, isInlineImage } from "./file-size";

beforeAll(() => setUiText(createTranslator({ locale: "en", messages: en }), "en"));

describe("file size", () => {
  it("reads as people read sizes", () => {
    expect(formatFileSize(0)).toBe("0 bytes");
    expect(formatFileSize(1)).toBe("1 byte");
    expect(formatFileSize(1023)).toBe("1023 bytes");
    expect(formatFileSize(1024)).toBe("1 KB");
    expect(formatFileSize(1536)).toBe("1.5 KB");
    expect(formatFileSize(10 * 1024)).toBe("10 KB");
    expect(formatFileSize(25 * 1024 * 1024)).toBe("25 MB");
    expect(formatFileSize(2.44 * 1024 * 1024)).toBe("2.4 MB");
    expect(formatFileSize(3 * 1024 ** 3)).toBe("3 GB");
  });

  it("never says 1024 of a unit", () => {
    expect(formatFileSize(1024 * 1024 - 10)).toBe("1 MB");
    expect(formatFileSize(1024 * 1023.9)).toBe("1 MB");
  });

  it("says nothing of a size that is not one", () => {
    expect(formatFileSize(-1)).toBe("");
    expect(formatFileSize(Number.NaN)).toBe("");
  });
});

describe("file kind", () => {
  it("names known types, else the extension", () => {
    expect(fileKindLabel("application/pdf", "a.pdf")).toBe("PDF");
    expect(fileKindLabel("image/png", "x")).toBe("PNG image");
    expect(fileKindLabel("application/octet-stream", "notes.txt")).toBe("TXT file");
    expect(fileKindLabel("application/octet-stream", "README")).toBe("File");
    expect(fileKindLabel("audio/mpeg", "a.mp3")).toBe("Audio");
  });

  it("shows inline only the four image types the server makes thumbnails of", () => {
    expect(["image/jpeg", "image/png", "image/gif", "image/webp"].every(isInlineImage)).toBe(true);
    expect(isInlineImage("image/svg+xml")).toBe(false);
    expect(isInlineImage("application/octet-stream")).toBe(false);
  });
});

describe("thumbnail box", () => {
  it("keeps the ratio and never enlarges", () => {
    expect(fitInside(480, 360, 320, 280)).toEqual({ width: 320, height: 240 });
    expect(fitInside(360, 480, 320, 280)).toEqual({ width: 210, height: 280 });
    expect(fitInside(100, 50, 320, 280)).toEqual({ width: 100, height: 50 });
    expect(fitInside(4000, 1, 320, 280)).toEqual({ width: 320, height: 1 });
  });

  it("falls back to the box without a size", () => {
    expect(fitInside(0, 0, 320, 280)).toEqual({ width: 320, height: 280 });
  });
});

describe("file size and kind in Korean", () => {
  it("come from the Korean catalog", () => {
    setUiText(createTranslator({ locale: "ko", messages: ko }), "ko");
    try {
      expect(formatFileSize(512)).toBe("512바이트");
      expect(formatFileSize(2048)).toBe("2 KB");
      expect(fileKindLabel("image/png", "x.png")).toBe("PNG 이미지");
      expect(fileKindLabel("application/octet-stream", "notes.txt")).toBe("TXT 파일");
    } finally {
      setUiText(createTranslator({ locale: "en", messages: en }), "en");
    }
  });
});
