"use client";
import { Fragment, useLayoutEffect, useMemo, useRef } from "react";
import { loadLatest, loadOlder } from "@/app/_client/history";
import type { PendingMessage } from "@/app/_client/store";
import { useChat } from "@/app/_client/use-chat";
import type { Message } from "@/lib/contract/models";
import { dayKey, formatDay } from "./format-time";
import { MessageRow } from "./message-row";

const EMPTY_MESSAGES: Message[] = [];
const EMPTY_PENDING: PendingMessage[] = [];
/** Consecutive messages of one sender within this time share one header. */
const GROUP_MS = 5 * 60_000;

export interface LogItem {
  key: string;
  senderId: string;
  body: string;
  createdAt: string;
  pending?: PendingMessage;
}

export function MessageLog({ channelId }: { channelId: string }) {
  const messages = useChat((s) => s.messages[channelId] ?? EMPTY_MESSAGES);
  const pending = useChat((s) => s.pending[channelId] ?? EMPTY_PENDING);
  const history = useChat((s) => s.history[channelId]);
  const meId = useChat((s) => s.me?.id ?? "");
  const scroller = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  const before = useRef<{ firstSeq: number | undefined; height: number }>({ firstSeq: undefined, height: 0 });

  const items = useMemo<LogItem[]>(
    () => [
      ...messages.map((m) => ({ key: `s${m.seq}`, senderId: m.senderId, body: m.body, createdAt: m.createdAt })),
      ...pending.map((p) => ({ key: `p${p.clientMsgId}`, senderId: meId, body: p.body, createdAt: p.createdAt, pending: p })),
    ],
    [messages, pending, meId],
  );

  // Stay at the bottom while the reader is there (or has just written); keep the view still
  // when older messages are put above it.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const firstSeq = messages[0]?.seq;
    const prev = before.current;
    const mineJustAdded = items.at(-1)?.pending?.state === "sending";
    if (prev.firstSeq !== undefined && firstSeq !== undefined && firstSeq < prev.firstSeq && !pinned.current) {
      el.scrollTop += el.scrollHeight - prev.height;
    } else if (pinned.current || mineJustAdded) {
      el.scrollTop = el.scrollHeight;
    }
    before.current = { firstSeq, height: el.scrollHeight };
  }, [items, messages]);

  function onScroll() {
    const el = scroller.current;
    if (el) pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
  }

  const rows: React.ReactNode[] = [];
  let prev: LogItem | undefined;
  for (const item of items) {
    const newDay = !prev || dayKey(prev.createdAt) !== dayKey(item.createdAt);
    const continued =
      !newDay &&
      prev !== undefined &&
      prev.senderId === item.senderId &&
      new Date(item.createdAt).getTime() - new Date(prev.createdAt).getTime() < GROUP_MS;
    rows.push(
      <Fragment key={item.key}>
        {newDay && (
          <div className="day-divider">
            <span>{formatDay(item.createdAt)}</span>
          </div>
        )}
        <MessageRow item={item} continued={continued} />
      </Fragment>,
    );
    prev = item;
  }

  return (
    <div className="log" role="log" aria-live="polite" aria-label="Messages" ref={scroller} onScroll={onScroll}>
      <div className="log-start">
        {history?.error ? (
          <p className="log-note">
            {history.error}{" "}
            <button
              type="button"
              className="link-button"
              onClick={() => void (history.loaded ? loadOlder(channelId) : loadLatest(channelId))}
            >
              Try again
            </button>
          </p>
        ) : history?.loading ? (
          <p className="log-note">Loading…</p>
        ) : history?.loaded && !history.reachedStart ? (
          <button type="button" className="button subtle" onClick={() => void loadOlder(channelId)}>
            Load earlier messages
          </button>
        ) : history?.loaded ? (
          <p className="log-note">{items.length ? "This is the beginning of the conversation." : "No messages yet. Say hello!"}</p>
        ) : null}
      </div>
      {rows}
    </div>
  );
}
