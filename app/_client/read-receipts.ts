// Read receipts, computed from members' read marks (lastReadSeq from GET /api/channels/:id/members,
// kept current by `read` events): no row per message per reader. Pure: the UI asks per shown run.

export interface MemberReadMark {
  userId: string;
  /** Read up to this seq; null: the member does not share read receipts. */
  lastReadSeq: number | null;
  /** When they joined: a message sent before someone joined is not counted as unread by them. */
  joinedAt?: string;
}

export interface ReceiptMessage {
  seq: number;
  senderId: string;
  createdAt: string;
  /** A deleted message shows no receipt (and is not the one "Seen" goes under). */
  deletedAt?: string | null;
}

export type Receipt = { kind: "unread"; count: number } | { kind: "seen" };

/**
 * Groups: how many members have not read a message yet (as KakaoTalk shows it). Its sender has
 * read it; members who do not share receipts, and those who joined after it was sent, are not counted.
 */
export function unreadBy(marks: readonly MemberReadMark[], m: ReceiptMessage): number {
  let n = 0;
  for (const r of marks) {
    if (r.userId === m.senderId || r.lastReadSeq === null) continue;
    if (r.joinedAt !== undefined && r.joinedAt > m.createdAt) continue;
    if (r.lastReadSeq < m.seq) n++;
  }
  return n;
}

/**
 * Direct conversations: the newest of my messages that the other person has read (up to
 * `shownUpTo`, the newest shown): "Seen" goes under it. Null when they have read none of them,
 * or do not share receipts.
 */
export function seenSeq(messages: readonly ReceiptMessage[], meId: string, otherLastRead: number | null): number | null {
  if (otherLastRead === null) return null;
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.senderId === meId && !m.deletedAt && m.seq <= otherLastRead) return m.seq;
  }
  return null;
}

/**
 * The receipt to show under each of these messages (ascending by seq), by seq. `marks` lists the
 * channel's members (the viewer included, with their own read mark as this device knows it).
 */
export function receiptsFor(
  kind: "direct" | "group",
  messages: readonly ReceiptMessage[],
  marks: readonly MemberReadMark[],
  meId: string,
): Map<number, Receipt> {
  const out = new Map<number, Receipt>();
  if (kind === "direct") {
    const other = marks.find((r) => r.userId !== meId);
    const seq = other ? seenSeq(messages, meId, other.lastReadSeq) : null;
    if (seq !== null) out.set(seq, { kind: "seen" });
    return out;
  }
  for (const m of messages) {
    if (m.deletedAt) continue;
    const count = unreadBy(marks, m);
    if (count > 0) out.set(m.seq, { kind: "unread", count });
  }
  return out;
}
