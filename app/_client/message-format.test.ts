import { describe, expect, it } from "vitest";
import { type FormatNode, formatBody, plainText, safeHref } from "./message-format";

/** Every link in a tree. */
function links(nodes: readonly FormatNode[]): string[] {
  const out: string[] = [];
  for (const n of nodes) {
    if (n.t === "link") out.push(n.href);
    if ("children" in n) out.push(...links(n.children));
  }
  return out;
}

const p = (...children: FormatNode[]): FormatNode => ({ t: "p", children });
const text = (t: string): FormatNode => ({ t: "text", text: t });

describe("formatBody", () => {
  it("keeps plain text as it is, line breaks included", () => {
    expect(formatBody("hello\nsecond line")).toEqual([p(text("hello"), { t: "br" }, text("second line"))]);
    expect(plainText(formatBody("a  b\n\nc"))).toBe("a  bc");
    expect(formatBody("a\n\nc")).toEqual([p(text("a")), p(text("c"))]);
  });

  it("shows HTML as text, never as elements", () => {
    for (const body of ["hello <b>bob</b>", "<img src=x onerror=alert(1)>", "<script>alert(1)</script>", "<a href=\"javascript:alert(1)\">x</a>"]) {
      const nodes = formatBody(body);
      expect(nodes).toEqual([p(text(body))]);
      expect(links(nodes)).toEqual([]);
    }
  });

  it("makes http, https and mailto addresses links, and nothing else", () => {
    expect(formatBody("see https://example.com/a?b=1&c=2 now")).toEqual([
      p(text("see "), { t: "link", href: "https://example.com/a?b=1&c=2", children: [text("https://example.com/a?b=1&c=2")] }, text(" now")),
    ]);
    expect(links(formatBody("http://a.example and mailto:me@example.com and you@example.org"))).toEqual([
      "http://a.example/",
      "mailto:me@example.com",
      "mailto:you@example.org",
    ]);
    for (const body of [
      "javascript:alert(1)",
      "[x](javascript:alert(1))",
      "[x](https://example.com)",
      "<javascript:alert(1)>",
      "data:text/html,<script>alert(1)</script>",
      "vbscript:msgbox(1)",
      "ftp://example.com/file",
      "//example.com/x",
      "file:///etc/passwd",
      "read.me and example.com",
      "![x](https://example.com/i.png)",
    ]) {
      const nodes = formatBody(body);
      expect(links(nodes).filter((h) => !h.startsWith("https://example.com")), body).toEqual([]);
      // Nothing of the markdown link or image syntax is taken: the text is shown whole.
      expect(plainText(nodes), body).toBe(body);
    }
    // A markdown link is shown as its text; only the address inside becomes a link.
    expect(links(formatBody("[x](https://example.com)"))).toEqual(["https://example.com/"]);
  });

  it("formats inline code, code blocks, emphasis and strong", () => {
    expect(formatBody("use `npm <i>` and *this* or **that**")).toEqual([
      p(
        text("use "),
        { t: "code", text: "npm <i>" },
        text(" and "),
        { t: "em", children: [text("this")] },
        text(" or "),
        { t: "strong", children: [text("that")] },
      ),
    ]);
    expect(formatBody("before\n```js\nconst a = '<b>';\nhttps://x.example\n```\nafter")).toEqual([
      p(text("before")),
      { t: "pre", text: "const a = '<b>';\nhttps://x.example" },
      p(text("after")),
    ]);
    // Inside code nothing is a link.
    expect(links(formatBody("`https://example.com`"))).toEqual([]);
  });

  it("leaves other markdown as text", () => {
    for (const body of ["# title", "- item", "1. first", "> quoted", "a | b\n--|--\n1 | 2", "&amp; &lt;b&gt;", "~~gone~~"]) {
      expect(plainText(formatBody(body)), body).toBe(body.replace(/\n/g, "\n"));
    }
  });
});

describe("safeHref", () => {
  it("allows only http, https and mailto", () => {
    expect(safeHref("https://example.com")).toBe("https://example.com/");
    expect(safeHref("mailto:a@example.com")).toBe("mailto:a@example.com");
    expect(safeHref("JaVaScRiPt:alert(1)")).toBeNull();
    expect(safeHref(" javascript:alert(1)")).toBeNull();
    expect(safeHref("java\nscript:alert(1)")).toBeNull();
    expect(safeHref("data:text/html,x")).toBeNull();
    expect(safeHref("not a url")).toBeNull();
  });
});
