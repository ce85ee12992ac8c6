import { describe, expect, it } from "vitest";
import { NAME_MAX, safeFileName } from "./safe-file-name";

describe("safeFileName", () => {
  it("drops folder parts of either slash", () => {
    expect(safeFileName("../../etc/passwd")).toBe("passwd");
    expect(safeFileName("C:\\Users\\ann\\photo.jpg")).toBe("photo.jpg");
  });
  it("drops control, bidi and NUL characters and lone surrogates", () => {
    expect(safeFileName("invoice\u202Efdp.exe")).toBe("invoicefdp.exe");
    expect(safeFileName("a\u0000b\u0007c\u2066.txt")).toBe("abc.txt");
    expect(safeFileName("x\uD800y.txt")).toBe("x\uFFFDy.txt");
  });
  it("shortens 1,000 characters, keeping the extension", () => {
    const out = safeFileName(`${"가".repeat(1000)}.png`);
    expect([...out].length).toBe(NAME_MAX);
    expect(out.endsWith(".png")).toBe(true);
  });
  it("is never empty and never hidden", () => {
    expect(safeFileName("")).toBe("file");
    expect(safeFileName("/")).toBe("file");
    expect(safeFileName("...")).toBe("file");
    expect(safeFileName(".bashrc")).toBe("bashrc");
    expect(safeFileName('a<b>:"c|?*.txt')).toBe("a_b___c___.txt");
  });
  it("keeps ordinary names as they are", () => {
    expect(safeFileName("회의록 2026.pdf")).toBe("회의록 2026.pdf");
    expect(safeFileName("photo (1).jpeg")).toBe("photo (1).jpeg");
  });
});
