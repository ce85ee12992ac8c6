"use client";
import type { ReactNode } from "react";
import { useFormattedBody } from "@/app/_client/format-loader";
import type { FormatNode } from "@/app/_client/format-nodes";
import { splitMentions } from "@/app/_client/mentions";
import type { MemberName } from "@/lib/contract/models";

/**
 * The body with light formatting (app/_client/message-format.ts) rendered as React elements, so
 * no part of it is ever read as HTML; "@Name" mentions of members are set apart (yours more strongly).
 */
export function MessageBody({ body, members, meId, after }: { body: string; members: readonly MemberName[]; meId?: string; after?: ReactNode }) {
  const nodes = useFormattedBody(body);
  const rendered = render(nodes, members, meId);
  // "(edited)" goes at the end of the last paragraph, as a word of it.
  if (after) {
    const last = nodes.at(-1);
    if (last?.t === "p") {
      rendered[rendered.length - 1] = (
        <p key={nodes.length - 1}>
          {render(last.children, members, meId)} {after}
        </p>
      );
    } else rendered.push(<p key="after">{after}</p>);
  }
  return <div className="message-body">{rendered}</div>;
}

function render(nodes: readonly FormatNode[], members: readonly MemberName[], meId: string | undefined): ReactNode[] {
  return nodes.map((n, i) => {
    switch (n.t) {
      case "text":
        return splitMentions(n.text, members).map((part, j) =>
          part.mention ? (
            <span key={`${i}.${j}`} className={`mention${part.mention === meId ? " mine" : ""}`}>
              {part.text}
            </span>
          ) : (
            part.text
          ),
        );
      case "br":
        return <br key={i} />;
      case "code":
        return <code key={i}>{n.text}</code>;
      case "pre":
        return (
          <pre key={i}>
            <code>{n.text}</code>
          </pre>
        );
      case "em":
        return <em key={i}>{render(n.children, members, meId)}</em>;
      case "strong":
        return <strong key={i}>{render(n.children, members, meId)}</strong>;
      case "link":
        return (
          <a key={i} href={n.href} target={n.href.startsWith("mailto:") ? undefined : "_blank"} rel="noopener noreferrer">
            {render(n.children, [], undefined)}
          </a>
        );
      case "p":
        return <p key={i}>{render(n.children, members, meId)}</p>;
    }
  });
}
