"use client";
import { useMemo } from "react";
import { splitMentions } from "@/app/_client/mentions";
import type { MemberName } from "@/lib/contract/models";

/** The body as plain text, with "@Name" mentions of members set apart (yours more strongly). */
export function MessageBody({ body, members, meId }: { body: string; members: readonly MemberName[]; meId?: string }) {
  const parts = useMemo(() => splitMentions(body, members), [body, members]);
  return (
    <p className="message-body">
      {parts.map((part, i) =>
        part.mention ? (
          <span key={i} className={`mention${part.mention === meId ? " mine" : ""}`}>
            {part.text}
          </span>
        ) : (
          part.text
        ),
      )}
    </p>
  );
}
