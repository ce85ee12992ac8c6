// Catching up after (re)connecting: the channel list, then `sync` from this device's cursors page
// by page, then an HTTP fetch of any seqs still missing (a gap, e.g. left by a live message that
// came while an earlier one was lost).
import { LIMITS } from "@/lib/contract/limits";
import { api } from "./api";
import { refreshChannels } from "./channels";
import { type Session, later } from "./chat-session";
import { channelsWithGaps, gapOf, syncCursorsWithVersions, takeChannelViews, takeMessages, takeSyncVersions } from "./device-state";
import { refreshKnownUsers } from "./people";
import { resendReadsAhead } from "./read-marks";
import { chatStore } from "./store";

const SYNC_TIMEOUT_MS = 30_000;

/**
 * After every (re)connect: the channel list first (it sets where sync starts for a channel new to
 * this device: device-state SYNC_WHOLE_UP_TO), then sync from the cursors, then any gaps.
 */
export async function catchUp(s: Session): Promise<void> {
  refreshKnownUsers();
  await listChannels(s);
  await syncUntilCurrent(s);
}

/** The channel list over HTTP, one request at a time; a failure waits for the next catch-up. */
export function listChannels(s: Session): Promise<void> {
  s.listing ??= refreshChannels()
    .catch(() => {})
    .finally(() => {
      s.listing = null;
    });
  return s.listing;
}

/** Asks for everything after our cursors, page by page, until the server says there is no more. */
export async function syncUntilCurrent(s: Session): Promise<void> {
  if (s.syncing) {
    s.syncAgain = true;
    return;
  }
  s.syncing = true;
  let done = false;
  try {
    do {
      s.syncAgain = false;
      for (let round = 0; round < 10_000; round++) {
        const socket = s.socket;
        if (s.stopped || !socket?.connected) return;
        const knownBefore = new Set(Object.keys(chatStore.getState().channels));
        // {seq, version}: new messages after seq, and changes to the messages held after version.
        const cursors = syncCursorsWithVersions();
        const res = await syncPage(socket, cursors);
        if (s.stopped) return;
        if (!res.ok) throw new Error(res.error.message);
        takeChannelViews(res.channels, { listed: true, baseline: "zero", knownBefore });
        const updates = res.updates ?? [];
        takeMessages(updates);
        takeMessages(res.messages);
        takeSyncVersions(res.channels, updates, res.more);
        resendReadsAhead(s, res.channels);
        if (!res.more || sameCursors(cursors, syncCursorsWithVersions())) break;
      }
    } while (s.syncAgain);
    done = true;
  } catch {
    if (!s.stopped && s.socket?.connected) later(s, () => void syncUntilCurrent(s), 3_000);
  } finally {
    s.syncing = false;
  }
  if (done) for (const channelId of channelsWithGaps()) void fillGap(s, channelId);
}

type Cursors = Record<string, { seq: number; version: number }>;

/**
 * One `sync` page, or an error as soon as its socket drops: the answer to a request sent just
 * before a drop never comes, and waiting out SYNC_TIMEOUT_MS would hold back the catch-up of the
 * next connection (which finds this one still running and only asks it to go again).
 */
function syncPage(socket: NonNullable<Session["socket"]>, cursors: Cursors) {
  return new Promise<Awaited<ReturnType<typeof ask>>>((resolve, reject) => {
    const dropped = () => reject(new Error("disconnected during sync"));
    socket.once("disconnect", dropped);
    ask()
      .then(resolve, reject)
      .finally(() => socket.off("disconnect", dropped));
  });
  function ask() {
    return socket.timeout(SYNC_TIMEOUT_MS).emitWithAck("sync", { cursors, limit: LIMITS.syncMax });
  }
}

/** Nothing moved: asking again would get the same page. */
function sameCursors(a: Cursors, b: Cursors): boolean {
  const keys = Object.keys(b);
  return keys.length === Object.keys(a).length && keys.every((k) => a[k]?.seq === b[k]!.seq && a[k]?.version === b[k]!.version);
}

/** Fetches the messages missing between a channel's cursor and the newest seq it holds. */
export async function fillGap(s: Session, channelId: string): Promise<void> {
  if (s.filling.has(channelId)) return;
  s.filling.add(channelId);
  try {
    for (let page = 0; page < 1_000 && !s.stopped; page++) {
      const gap = gapOf(channelId);
      if (!gap) break;
      const { messages } = await api("GET /api/channels/:id/messages", {
        params: { id: channelId },
        query: { after: gap.after, limit: Math.min(LIMITS.historyMax, gap.upTo - gap.after) },
      });
      if (messages.length === 0) break;
      takeMessages(messages);
    }
  } catch {
    // Offline or refused: the next sync (on reconnect) covers the same seqs.
  } finally {
    s.filling.delete(channelId);
  }
}
