// Most messages are plain text: no formatting marks, no addresses. Those are turned into display
// nodes here, exactly as markdown-it would turn them (a property test holds the two together),
// so that a page of plain messages never loads the parser (message-format.ts, ~35 KB gzipped).
import type { FormatNode } from "./format-nodes";

// What any enabled markdown-it rule could act on: emphasis (* _), code and fences (` ~),
// linkify (http:, https:, mailto: and bare email addresses), and the characters its block and
// newline rules treat specially (tabs, carriage returns, NUL, and whitespace other than the
// space, which JavaScript's trim() and markdown-it's own checks see differently).
const NEEDS_PARSER = /[*_`~\t\r\0\v\f\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]|https?:|mailto:|[^\s@]@[^\s@]/i;

/** Whether the body needs the markdown parser to be shown right. */
export function needsParser(body: string): boolean {
  return NEEDS_PARSER.test(body);
}

/** The display nodes of a body that does not need the parser: paragraphs of lines. */
export function plainNodes(body: string): FormatNode[] {
  const out: FormatNode[] = [];
  let lines: string[] = [];
  const flush = () => {
    if (lines.length === 0) return;
    const children: FormatNode[] = [];
    lines.forEach((line, i) => {
      if (i > 0) children.push({ t: "br" });
      if (line) children.push({ t: "text", text: line });
    });
    out.push({ t: "p", children });
    lines = [];
  };
  for (const raw of body.split("\n")) {
    const line = raw.trim();
    if (line === "") flush();
    else lines.push(line);
  }
  flush();
  return out;
}
