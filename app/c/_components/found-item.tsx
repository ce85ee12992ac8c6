"use client";
import Link from "next/link";
import { useMemo } from "react";
import { excerpt, splitMatches } from "@/app/_client/highlight";
import { splitMentions } from "@/app/_client/mentions";
import { permalinkPath } from "@/app/_client/message-runs";
import { closePanel } from "@/app/_client/search";
import type { SearchResult } from "@/lib/contract/models";
import { useChat } from "@/app/_client/use-chat";
import type { User } from "@/lib/contract/models";
import { formatFull, formatWhen } from "./format-time";
import { useChannelName } from "./use-channel-name";

interface Props {
  found: SearchResult;
  /** Search: the query's words to mark. */
  pattern: RegExp | null;
  /** Mentions: the user whose mentions to mark. */
  mentionOf: User | null;
}

/** One search result or mention: where, who, when, and the text; opens the message's permalink. */
export function FoundItem({ found, pattern, mentionOf }: Props) {
  const { message } = found;
  // The channel as the list knows it now (a renamed group), else as the result carried it.
  const listed = useChat((s) => s.channels[message.channelId]);
  const channelName = useChannelName(listed ?? found.channel);
  const sender = useChat((s) => s.users[message.senderId]?.name) ?? "…";
  const parts = useMemo(() => {
    if (mentionOf) return splitMentions(message.body, [mentionOf]).map((p) => (p.mention ? { ...p, match: true } : p));
    return splitMatches(excerpt(message.body, pattern), pattern);
  }, [message.body, pattern, mentionOf]);

  return (
    <li>
      <Link
        href={permalinkPath(message.channelId, message.seq)}
        className="found-item"
        onClick={() => {
          // On a phone the panel covers the conversation: get it out of the way.
          if (window.matchMedia("(max-width: 720px)").matches) closePanel();
        }}
      >
        <span className="found-head">
          <span className="found-channel">{channelName}</span>
          <time className="found-time" dateTime={message.createdAt} title={formatFull(message.createdAt)}>
            {formatWhen(message.createdAt)}
          </time>
        </span>
        <span className="found-sender">{sender}</span>
        <span className="found-body">{parts.map((p, i) => (p.match ? <mark key={i}>{p.text}</mark> : p.text))}</span>
      </Link>
    </li>
  );
}
