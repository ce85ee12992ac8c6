"use client";
import { useTranslations } from "next-intl";
import type { MemberName, User } from "@/lib/contract/models";
import { dayKey, formatDay } from "./format-time";
import type { LogItem } from "./log-items";
import { MessageRow } from "./message-row";

/** Consecutive messages of one sender within this time share one header. */
const GROUP_MS = 5 * 60_000;

/** What every row of one log shares (Virtuoso's context). */
export interface LogRowContext {
  channelId: string;
  items: readonly LogItem[];
  /** The list index (Virtuoso's) of items[0]. */
  firstIndex: number;
  /** The key of the item before which the "New" divider goes, if any. */
  unreadKey: string | null;
  highlightSeq: number | null;
  editingSeq: number | null;
  members: readonly MemberName[];
  me: User | null;
  canDelete: boolean;
  receiptOf: (seq: number | undefined) => number | "seen" | undefined;
}

/** The item where the unread messages start: the first from someone else at or after `firstUnreadSeq`. */
export function unreadStartKey(items: readonly LogItem[], firstUnreadSeq: number | null, meId: string): string | null {
  if (firstUnreadSeq === null) return null;
  const first = items.find((i) => i.seq !== undefined && i.seq >= firstUnreadSeq && i.senderId !== meId);
  return first?.key ?? null;
}

/** One message of the log, with the day's divider and the "New" divider above it where they go. */
export function LogRow({ index, ctx }: { index: number; ctx: LogRowContext }) {
  const t = useTranslations("message");
  const at = index - ctx.firstIndex;
  const item = ctx.items[at];
  if (!item) return null;
  const prev = ctx.items[at - 1];
  const newDay = !prev || dayKey(prev.createdAt) !== dayKey(item.createdAt);
  const unreadStart = item.key === ctx.unreadKey;
  const continued =
    !unreadStart &&
    !newDay &&
    prev !== undefined &&
    prev.senderId === item.senderId &&
    new Date(item.createdAt).getTime() - new Date(prev.createdAt).getTime() < GROUP_MS;
  return (
    <>
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
        channelId={ctx.channelId}
        continued={continued}
        highlighted={ctx.highlightSeq !== null && item.seq === ctx.highlightSeq}
        members={ctx.members}
        me={ctx.me}
        canDelete={ctx.canDelete}
        receipt={ctx.receiptOf(item.seq)}
        editing={item.seq !== undefined && item.seq === ctx.editingSeq}
      />
    </>
  );
}
