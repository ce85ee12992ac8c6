// Light formatting of a message body for display: links, `inline code`, ``` code blocks ```,
// *emphasis* and **strong**. Bodies stay plain text in storage; this turns one into a small tree
// that message-body.tsx renders as React elements (never as an HTML string). markdown-it parses,
// with every rule off except those named below: no HTML (`html: false`), no images, no markdown
// links ([text](url) stays text, so a link's text is always its address), no headings, lists or
// quotes. Links come only from linkify, and only for http:, https: and mailto: addresses.
// About 35 KB gzipped with its entity table and linkify: loaded only when a body needs it
// (format-loader.ts); plain bodies never load it.
import MarkdownIt from "markdown-it";
import type { Token } from "markdown-it";
import type { FormatNode } from "./format-nodes";

export type { FormatNode } from "./format-nodes";
export { plainText } from "./format-nodes";

const SAFE_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);

/** An address a link may point to: http, https or mailto, and nothing that parses otherwise. */
export function safeHref(href: string): string | null {
  try {
    const url = new URL(href);
    return SAFE_PROTOCOLS.has(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

const md = new MarkdownIt("zero", { html: false, linkify: true, breaks: true }).enable([
  "linkify",
  "newline",
  "backticks",
  "emphasis",
  "fence",
]);
// No protocol-less "example.com" links (file names like read.me would become links), no ftp: or
// protocol-relative ones; a bare email address becomes mailto:.
md.linkify.set({ fuzzyLink: false, fuzzyEmail: true, fuzzyIP: false });
md.linkify.add("ftp:", null).add("//", null);
md.validateLink = (url) => safeHref(url) !== null;

/** The children of an inline token as format nodes, up to the matching close token. */
function inlineNodes(tokens: readonly Token[]): FormatNode[] {
  const root: FormatNode[] = [];
  const stack: FormatNode[][] = [root];
  const top = () => stack[stack.length - 1]!;
  for (const tok of tokens) {
    switch (tok.type) {
      case "text":
        if (tok.content) top().push({ t: "text", text: tok.content });
        break;
      case "softbreak":
      case "hardbreak":
        top().push({ t: "br" });
        break;
      case "code_inline":
        top().push({ t: "code", text: tok.content });
        break;
      case "em_open":
      case "strong_open":
      case "link_open": {
        const children: FormatNode[] = [];
        const href = tok.type === "link_open" ? safeHref(String(tok.attrGet("href") ?? "")) : null;
        if (tok.type === "link_open" && href === null) {
          // Never reached (validateLink refuses the same), but a link we would not follow is text.
          stack.push(top());
          break;
        }
        top().push(
          tok.type === "link_open" ? { t: "link", href: href!, children } : { t: tok.type === "em_open" ? "em" : "strong", children },
        );
        stack.push(children);
        break;
      }
      case "em_close":
      case "strong_close":
      case "link_close":
        if (stack.length > 1) stack.pop();
        break;
      default:
        // Anything else a rule might make is shown as the text it came from.
        if (tok.content) top().push({ t: "text", text: tok.content });
    }
  }
  return root;
}

/** The body as paragraphs and code blocks of formatted text. */
export function formatBody(body: string): FormatNode[] {
  const out: FormatNode[] = [];
  const tokens = md.parse(body, {});
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    if (tok.type === "fence" || tok.type === "code_block") {
      out.push({ t: "pre", text: tok.content.replace(/\n$/, "") });
    } else if (tok.type === "inline") {
      out.push({ t: "p", children: inlineNodes(tok.children ?? []) });
    }
  }
  return out;
}
