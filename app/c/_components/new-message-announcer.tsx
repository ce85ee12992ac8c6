"use client";
import { useEffect, useRef, useState } from "react";
import { chatStore } from "@/app/_client/store";
import { useChat } from "@/app/_client/use-chat";
import { FirstLine } from "./reply-quote";

/**
 * Says new messages from others in the open conversation to screen readers, politely and one at a
 * time ("Ana: see you at 5"). The log itself is not a live region: a virtualised list adds and
 * removes rows as it scrolls, and those must not be read out as news.
 */
export function NewMessageAnnouncer({ channelId }: { channelId: string }) {
  const [said, setSaid] = useState<{ seq: number; senderId: string; body: string } | null>(null);
  const name = useChat((s) => (said ? s.users[said.senderId]?.name : undefined));
  const heard = useRef(chatStore.getState().channels[channelId]?.lastSeq ?? 0);

  useEffect(() => {
    heard.current = chatStore.getState().channels[channelId]?.lastSeq ?? 0;
    setSaid(null);
    return chatStore.subscribe((s, before) => {
      const list = s.messages[channelId];
      if (!list || list === before.messages[channelId]) return;
      const newest = list.at(-1);
      if (!newest || newest.seq <= heard.current) return;
      heard.current = newest.seq;
      if (newest.senderId !== s.me?.id && !newest.deletedAt) setSaid({ seq: newest.seq, senderId: newest.senderId, body: newest.body });
    });
  }, [channelId]);

  return (
    <p className="sr-only" aria-live="polite" aria-atomic="true">
      {said && (
        <span key={said.seq}>
          {name ?? "…"}: <FirstLine body={said.body} />
        </span>
      )}
    </p>
  );
}
