"use client";
import { useTranslations } from "next-intl";
import { forwardRef, type ReactNode, useCallback, useMemo, useRef, useState } from "react";
import { type Components, Virtuoso, type VirtuosoHandle } from "react-virtuoso";
import { loadLatest, loadNewer, loadOlder } from "@/app/_client/history";
import { runAround } from "@/app/_client/message-runs";
import { showMessages } from "@/app/_client/pending-changes";
import { receiptsFor } from "@/app/_client/read-receipts";
import type { PendingMessage } from "@/app/_client/store";
import { useChat } from "@/app/_client/use-chat";
import type { MemberName, Message } from "@/lib/contract/models";
import { JumpToLatest } from "./jump-to-latest";
import { LogEdge } from "./log-edge";
import { confirmedItem, type LogItem, pendingItem } from "./log-items";
import { LogRow, type LogRowContext, unreadStartKey } from "./log-row";
import { NewMessageAnnouncer } from "./new-message-announcer";
import { useLogWindow } from "./use-log-window";
import { useMarkRead } from "./use-mark-read";
import { useSettle } from "./use-settle";
import type { PermalinkTarget } from "./use-permalink-target";

const EMPTY_MESSAGES: Message[] = [];
const EMPTY_PENDING: PendingMessage[] = [];
/** Rendered beyond the visible part, above and below: pages load before the reader gets there. */
const OVERSCAN_PX = { top: 800, bottom: 800 };
/** Closer than this to the bottom counts as being at the bottom (new messages keep it there). */
const AT_BOTTOM_PX = 80;

interface Context extends LogRowContext {
  label: string;
  header: ReactNode;
  footer: ReactNode;
}

// Virtuoso's parts, outside the render so that they keep their identity (and their DOM).
const Scroller: Components<LogItem, Context>["Scroller"] = forwardRef(function LogScroller({ context, ...props }, ref) {
  return <div {...props} ref={ref} className="log" role="log" aria-label={context?.label} />;
});
const components: Components<LogItem, Context> = {
  Scroller,
  // Virtuoso measures each item's box: margins inside it must not collapse through it (flow-root).
  Item: ({ context: _c, item: _i, ...props }) => <div {...props} className="log-item" />,
  Header: ({ context }) => <>{context?.header}</>,
  Footer: ({ context }) => <>{context?.footer}</>,
};

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
 * page by page as the reader scrolls towards either end, in a virtualised list: only the rows
 * near the view are in the page, and only a bounded window of the channel is held (use-log-window).
 * List indices are seqs (pending messages follow the last one), so prepending a page keeps the
 * view where it is.
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
  const list = useRef<VirtuosoHandle>(null);
  const [atBottom, setAtBottom] = useState(true);

  const waiting = target?.status === "loading";
  const anchorSeq = target?.status === "found" ? target.seq : null;
  const win = useLogWindow(channelId, anchorSeq);
  const run = useMemo(() => (waiting ? { from: 0, to: 0 } : runAround(messages, win.pivot)), [messages, win.pivot, waiting]);
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
  const atEnd = !waiting && (win.pivot === null || (lastShown !== undefined && lastShown >= lastSeq));

  const items = useMemo<LogItem[]>(
    () => [...shown.map(confirmedItem), ...(atEnd ? pending.map((p) => pendingItem(p, meId)) : [])],
    [shown, pending, meId, atEnd],
  );
  // Indices are seqs; with no confirmed message yet, the pending ones take the seqs they will get.
  const firstIndex = firstSeq ?? lastSeq + 1;

  useMarkRead(channelId, lastShown ?? 0);

  const olderNow = useRef(() => {});
  olderNow.current = () => {
    if (!atStart && firstSeq !== undefined && !history?.error) void loadOlder(channelId, firstSeq);
  };
  const newerNow = useRef(() => {});
  newerNow.current = () => {
    if (!atEnd && lastShown !== undefined && !history?.error) void loadNewer(channelId, lastShown);
  };
  // Following new messages at the bottom only once the run reached the newest before they came:
  // a page of an old run arriving at the bottom is not "new" (the list would chase the pages).
  const follows = useRef({ atEnd, lastKey: items.at(-1)?.key });
  const followOutput = useCallback((isAtBottom: boolean) => {
    const was = follows.current;
    const last = itemsNow.current.at(-1);
    follows.current = { atEnd: atEndNow.current, lastKey: last?.key };
    // The user's own message just written: show it, wherever they were.
    if (last && last.key !== was.lastKey && last.pending?.state === "sending") return "auto";
    return was.atEnd && isAtBottom ? "auto" : false;
  }, []);
  const itemsNow = useRef(items);
  itemsNow.current = items;
  const atEndNow = useRef(atEnd);
  atEndNow.current = atEnd;

  const anchorIndex = useCallback(() => itemsNow.current.findIndex((i) => i.seq === anchorSeq), [anchorSeq]);
  const settle = useSettle(list, anchorSeq, anchorIndex);

  const jumpToLatest = () => {
    if (anchorSeq !== null) onJumpToLatest();
    else if (atEnd) list.current?.scrollToIndex({ index: "LAST", align: "end" });
    else win.restartAtLatest();
  };
  const retryStart = () => {
    if (win.pivot === null && !history?.loaded) void loadLatest(channelId);
    else if (firstSeq !== undefined) void loadOlder(channelId, firstSeq);
  };

  const header = (
    <>
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
    </>
  );
  const footer =
    !atEnd && !waiting ? (
      <LogEdge
        side="end"
        loading={!!history?.loadingNewer}
        error={history?.error}
        reached={false}
        empty={false}
        onMore={() => lastShown !== undefined && void loadNewer(channelId, lastShown)}
      />
    ) : (
      <div className="log-end" />
    );
  const context: Context = {
    label: t("messages"),
    header,
    footer,
    channelId,
    items,
    firstIndex,
    unreadKey: unreadStartKey(items, firstUnreadSeq, meId),
    highlightSeq: anchorSeq,
    editingSeq: editing,
    members,
    me,
    canDelete: moderates,
    receiptOf: (seq) => {
      const r = seq === undefined ? undefined : receipts?.get(seq);
      return r ? (r.kind === "seen" ? "seen" : r.count) : undefined;
    },
  };

  // The list starts where the reader should: at the permalink's message, else at the bottom. It
  // is made once there is something to place (a list made empty would not know where to start).
  const anchorAt = anchorSeq !== null ? items.findIndex((i) => i.seq === anchorSeq) : -1;
  const ready = items.length > 0;
  return (
    // data-held: how many messages of the channel the page holds (bounded: use-log-window.ts).
    <div className="log-frame" data-held={messages.length}>
      {ready ? (
        <Virtuoso<LogItem, Context>
          key={`${win.generation}:${anchorSeq ?? "latest"}`}
          ref={list}
          scrollerRef={settle.onScroller}
          totalListHeightChanged={settle.onHeightChanged}
          data={items}
          context={context}
          components={components}
          firstItemIndex={firstIndex}
          initialTopMostItemIndex={anchorAt >= 0 ? { index: anchorAt, align: "center" } : { index: items.length - 1, align: "end" }}
          computeItemKey={(_, item) => item.key}
          itemContent={(index, _item, ctx) => <LogRow index={index} ctx={ctx} />}
          increaseViewportBy={OVERSCAN_PX}
          followOutput={followOutput}
          atBottomThreshold={AT_BOTTOM_PX}
          atBottomStateChange={setAtBottom}
          startReached={() => olderNow.current()}
          endReached={() => newerNow.current()}
          rangeChanged={(r) => win.onRange(r.startIndex, r.endIndex)}
        />
      ) : (
        <div className="log" role="log" aria-label={t("messages")}>
          {header}
        </div>
      )}
      <NewMessageAnnouncer channelId={channelId} />
      {(!atEnd || !atBottom) && !waiting && ready && <JumpToLatest onClick={jumpToLatest} />}
    </div>
  );
}
