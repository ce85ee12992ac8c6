// A message body as display nodes: what message-body.tsx renders, made either by markdown-it
// (message-format.ts, when the body has formatting or links) or without it (plain-format.ts).

export type FormatNode =
  | { t: "text"; text: string }
  | { t: "br" }
  | { t: "code"; text: string }
  | { t: "em" | "strong"; children: FormatNode[] }
  | { t: "link"; href: string; children: FormatNode[] }
  | { t: "p"; children: FormatNode[] }
  | { t: "pre"; text: string };

/** The text a reader sees, without formatting (quotes of replies, tests). */
export function plainText(nodes: readonly FormatNode[]): string {
  return nodes
    .map((n) => {
      switch (n.t) {
        case "text":
        case "code":
        case "pre":
          return n.text;
        case "br":
          return "\n";
        case "p":
          return plainText(n.children);
        default:
          return plainText(n.children);
      }
    })
    .join("");
}
