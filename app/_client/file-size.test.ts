import { describe, expect, it } from "vitest";
import { fileKindLabel, fitInside, formatFileSize, isInlineImage } from "./file-size";

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
