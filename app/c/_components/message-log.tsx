"use client";
import { useTranslations } from "next-intl";
import { Fragment, useMemo, useRef } from "react";
import { loadLatest, loadNewer, loadOlder } from "@/app/_client/history";
import { runAround } from "@/app/_client/message-runs";
import { type ShownMessage, showMessages } from "@/app/_client/pending-changes";
import { receiptsFor } from "@/app/_client/read-receipts";
import type { PendingMessage } from "@/app/_client/store";
import { useChat } from "@/app/_client/use-chat";
import type { Message } from "@/lib/contract/models";
import { dayKey, formatDay } from "./format-time";
import { JumpToLatest } from "./jump-to-latest";
import { LogEdge } from "./log-edge";
import { MessageRow } from "./message-row";
import type { MemberName } from "@/lib/contract/models";
import { useLogScroll } from "./use-log-scroll";
import { useMarkRead } from "./use-mark-read";
import type { PermalinkTarget } from "./use-permalink-target";

const EMPTY_MESSAGES: Message[] = [];
const EMPTY_PENDING: PendingMessage[] = [];
/** Consecutive messages of one sender within this time share one header. */
const GROUP_MS = 5 * 60_000;

export interface LogItem {
  /** Stable from pending to confirmed: the row is not rebuilt when its ack comes. */
  key: string;
  seq?: number;
  senderId: string;
  body: string;
  createdAt: string;
  pending?: PendingMessage;
  /** Confirmed: the message as shown (with this device's pending changes applied). */
  message?: ShownMessage;
}

// One item per stored object, so that unchanged rows get the same props and are not rendered again.
const confirmedItems = new WeakMap<ShownMessage, LogItem>();
const pendingItems = new WeakMap<PendingMessage, LogItem>();

function confirmedItem(m: ShownMessage): LogItem {
  let item = confirmedItems.get(m);
  if (!item) {
    item = { key: `${m.senderId}:${m.clientMsgId}`, seq: m.seq, senderId: m.senderId, body: m.body, createdAt: m.createdAt, message: m };
    confirmedItems.set(m, item);
  }
  return item;
}

function pendingItem(p: PendingMessage, meId: string): LogItem {
  let item = pendingItems.get(p);
  if (!item || item.senderId !== meId) {
    item = { key: `${meId}:${p.clientMsgId}`, senderId: meId, body: p.body, createdAt: p.createdAt, pending: p };
    pendingItems.set(p, item);
  }
  return item;
}

function receiptOf(receipts: ReturnType<typeof receiptsFor> | null, seq: number | undefined): number | "seen" | undefined {
  const r = seq === undefined ? undefined : receipts?.get(seq);
  return r ? (r.kind === "seen" ? "seen" : r.count) : undefined;
}

interface Props {
  channelId: string;
  /** The first message that was unread when the conversation was opened: the "New" divider goes before it. */
  firstUnreadSeq: number | null;
  /** From a permalink; null shows the newest messages. */
  target: PermalinkTarget | null;
  members: readonly MemberName[];
  onRetryTarget: () => void;
  onJumpToLatest: () => void;
}

/**
 * One run of consecutive messages (the newest, or the one around a permalink's message), grown
 * page by page as the reader scrolls towards either end.
 */
export function MessageLog({ channelId, firstUnreadSeq, target, members, onRetryTarget, onJumpToLatest }: Props) {
  const t = useTranslations("message");
  const messages = useChat((s) => s.messages[channelId] ?? EMPTY_MESSAGES);
  const pending = useChat((s) => s.pending[channelId] ?? EMPTY_PENDING);
  const history = useChat((s) => s.history[channelId]);
  const lastSeq = useChat((s) => s.channels[channelId]?.lastSeq ?? 0);
  const kind = useChat((s) => s.channels[channelId]?.kind ?? "group");
  const memberIds = useChat((s) => s.channels[channelId]?.memberIds);
  const myReadSeq = useChat((s) => s.channels[channelId]?.lastReadSeq ?? 0);
  const changes = useChat((s) => s.changes);
  const reads = useChat((s) => s.reads[channelId]);
  const myRole = useChat((s) => (s.me ? s.roles[channelId]?.[s.me.id] : undefined));
  const editing = useChat((s) => (s.editing?.channelId === channelId ? s.editing.seq : null));
  const me = useChat((s) => s.me);
  const meId = me?.id ?? "";
  const scroller = useRef<HTMLDivElement>(null);

  const waiting = target?.status === "loading";
  const anchorSeq = target?.status === "found" ? target.seq : null;
  const run = useMemo(() => (waiting ? { from: 0, to: 0 } : runAround(messages, anchorSeq)), [messages, anchorSeq, waiting]);
  const shown = useMemo(
    () => showMessages(messages.slice(run.from, run.to), changes, channelId, meId),
    [messages, run, changes, channelId, meId],
  );
  // Read receipts of the shown messages; the user's own mark is this device's (it may be ahead).
  const receipts = useMemo(() => {
    if (!reads) return null;
    // Only current members count (someone removed since the marks were loaded does not).
    const current = new Set(memberIds);
    const marks = reads
      .filter((r) => current.has(r.userId))
      .map((r) => (r.userId === meId ? { ...r, lastReadSeq: Math.max(r.lastReadSeq ?? 0, myReadSeq) } : r));
    return receiptsFor(kind, shown, marks, meId);
  }, [reads, shown, kind, meId, myReadSeq, memberIds]);
  const moderates = kind === "group" && (myRole === "owner" || myRole === "admin");
  const firstSeq = shown[0]?.seq;
  const lastShown = shown.at(-1)?.seq;
  const atStart = firstSeq === 1 || (shown.length === 0 && !!history?.loaded && lastSeq === 0);
  const atEnd = !waiting && (anchorSeq === null || (lastShown !== undefined && lastShown >= lastSeq));

  const items = useMemo<LogItem[]>(
    () => [...shown.map(confirmedItem), ...(atEnd ? pending.map((p) => pendingItem(p, meId)) : [])],
    [shown, pending, meId, atEnd],
  );

  useMarkRead(channelId, lastShown ?? 0);
  const { onScroll, awayFromEnd, toEnd } = useLogScroll({
    scroller,
    items,
    layoutKey: `${history?.loadingOlder}${history?.loadingNewer}${history?.loadingLatest}${history?.error}${target?.status}`,
    anchorSeq,
    atEnd,
    nearStart: () => {
      if (!atStart && firstSeq !== undefined && !history?.error) void loadOlder(channelId, firstSeq);
    },
    nearEnd: () => {
      if (!atEnd && lastShown !== undefined && !history?.error) void loadNewer(channelId, lastShown);
    },
  });

  const rows: React.ReactNode[] = [];
  let prev: LogItem | undefined;
  let dividerShown = false;
  for (const item of items) {
    const newDay = !prev || dayKey(prev.createdAt) !== dayKey(item.createdAt);
    const unreadStart =
      !dividerShown && firstUnreadSeq !== null && item.seq !== undefined && item.seq >= firstUnreadSeq && item.senderId !== meId;
    if (unreadStart) dividerShown = true;
    const continued =
      !unreadStart &&
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
        {unreadStart && (
          <div className="unread-divider" role="separator" aria-label={t("unreadMessages")}>
            <span aria-hidden="true">{t("new")}</span>
          </div>
        )}
        <MessageRow
          item={item}
          channelId={channelId}
          continued={continued}
          highlighted={anchorSeq !== null && item.seq === anchorSeq}
          members={members}
          me={me}
          canDelete={moderates}
          receipt={receiptOf(receipts, item.seq)}
          editing={item.seq !== undefined && item.seq === editing}
        />
      </Fragment>,
    );
    prev = item;
  }

  const retryStart = () => {
    if (anchorSeq === null && !history?.loaded) void loadLatest(channelId);
    else if (firstSeq !== undefined) void loadOlder(channelId, firstSeq);
  };
  return (
    <div className="log-frame">
      <div className="log" role="log" aria-live="polite" aria-label={t("messages")} ref={scroller} onScroll={onScroll}>
        {target?.status === "missing" && (
          <p className="log-notice" role="note">
            {t("notFound")}
          </p>
        )}
        {target?.status === "error" && (
          <p className="log-notice">
            {target.error}{" "}
            <button type="button" className="link-button" onClick={onRetryTarget}>
              {t("tryAgain")}
            </button>
          </p>
        )}
        <LogEdge
          side="start"
          loading={waiting || !!history?.loadingOlder || (shown.length === 0 && !atStart && !history?.error)}
          error={history?.error}
          reached={atStart}
          empty={items.length === 0}
          onMore={retryStart}
        />
        {rows}
        {!atEnd && !waiting && (
          <LogEdge
            side="end"
            loading={!!history?.loadingNewer}
            error={history?.error}
            reached={false}
            empty={false}
            onMore={() => lastShown !== undefined && void loadNewer(channelId, lastShown)}
          />
        )}
      </div>
      {(!atEnd || awayFromEnd) && !waiting && <JumpToLatest onClick={anchorSeq !== null ? onJumpToLatest : toEnd} />}
    </div>
  );
}
