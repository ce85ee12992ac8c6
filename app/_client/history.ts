// Pages of a channel's history, from the device's store when it holds them (offline too), else
// over HTTP, merged by seq with what live events and sync bring. The store may hold several runs
// of a channel (the latest messages, and a window around an old one opened from a permalink); the
// log shows one run and grows it page by page in either direction.
import { LIMITS } from "@/lib/contract/limits";
import type { Message } from "@/lib/contract/models";
import type { QueryInput } from "@/lib/contract/http";
import { ApiError, api } from "./api";
import { localStore, showHeldMessages, syncCursor, takeMessages } from "./device-state";
import { chatStore, type HistoryState, setHistory } from "./store";
import { refusalText, uiText } from "./ui-text";

const PAGE = LIMITS.historyDefault;

function describe(err: unknown): string {
  if (err instanceof ApiError && (err.code === "forbidden" || err.code === "not_found")) {
    return uiText("log.noAccess");
  }
  return err instanceof ApiError ? refusalText(err.code, err.message) : uiText("log.couldNotLoad");
}

async function fetchPage(channelId: string, cursor: Omit<QueryInput<"GET /api/channels/:id/messages">, "limit">): Promise<Message[]> {
  const query = { ...cursor, limit: PAGE };
  const { messages } = await api("GET /api/channels/:id/messages", { params: { id: channelId }, query });
  return messages;
}

/**
 * Pages that came back empty, by channel and cursor: not asked for again (the log asks whenever
 * it is near an edge; seqs have no gaps, so this only guards against a looping request).
 */
const emptyPages = new Set<string>();

/** A session ends or starts (reset-client-state): another user's channels page differently. */
export function forgetHistoryPages(): void {
  emptyPages.clear();
}

const historyOf = (channelId: string): HistoryState | undefined => chatStore.getState().history[channelId];

/** Whether `held` is a run of consecutive seqs ending at `last`, a full page or from the very first message. */
function fullRunTo(held: readonly Message[], last: number): boolean {
  if (held.length === 0) return last === 0;
  if (held.at(-1)!.seq !== last) return false;
  for (let i = 1; i < held.length; i++) if (held[i]!.seq !== held[i - 1]!.seq + 1) return false;
  return held.length >= PAGE || held[0]!.seq === 1;
}

/**
 * The latest page, once per channel (live events and sync keep it current afterwards): from the
 * device when it holds it up to date, shown at once; else over HTTP. Offline, what the device
 * holds is what there is until sync brings the rest.
 */
export async function loadLatest(channelId: string): Promise<void> {
  const h = historyOf(channelId);
  if (h?.loadingLatest || h?.loaded) return;
  setHistory(channelId, { loadingLatest: true, error: undefined });
  let held: Message[] = [];
  try {
    held = await localStore().loadMessages(channelId, { limit: PAGE });
    showHeldMessages(held);
    const lastSeq = chatStore.getState().channels[channelId]?.lastSeq;
    const upToDate = lastSeq !== undefined && syncCursor(channelId) === lastSeq && fullRunTo(held, lastSeq);
    if (!upToDate) takeMessages(await fetchPage(channelId, {}));
    setHistory(channelId, { loadingLatest: false, loaded: true });
  } catch (err) {
    if (err instanceof ApiError && err.code === "network" && held.length > 0) setHistory(channelId, { loadingLatest: false, loaded: true });
    else setHistory(channelId, { loadingLatest: false, error: describe(err) });
  }
}

/** The page before `firstSeq` (the first message of the run shown): from the device if it holds it all. */
export async function loadOlder(channelId: string, firstSeq: number): Promise<void> {
  const key = `${channelId} before ${firstSeq}`;
  if (firstSeq <= 1 || historyOf(channelId)?.loadingOlder || emptyPages.has(key)) return;
  setHistory(channelId, { loadingOlder: true, error: undefined });
  try {
    const held = await localStore().loadMessages(channelId, { limit: PAGE, before: firstSeq });
    if (fullRunTo(held, firstSeq - 1)) {
      showHeldMessages(held);
      setHistory(channelId, { loadingOlder: false });
      return;
    }
    const page = await fetchPage(channelId, { before: firstSeq });
    if (page.length === 0) emptyPages.add(key);
    takeMessages(page);
    setHistory(channelId, { loadingOlder: false });
  } catch (err) {
    setHistory(channelId, { loadingOlder: false, error: describe(err) });
  }
}

/** The page after `lastSeq` (the last message of an old run shown, e.g. from a permalink). */
export async function loadNewer(channelId: string, lastSeq: number): Promise<void> {
  const key = `${channelId} after ${lastSeq}`;
  if (historyOf(channelId)?.loadingNewer || emptyPages.has(key)) return;
  setHistory(channelId, { loadingNewer: true, error: undefined });
  try {
    const page = await fetchPage(channelId, { after: lastSeq });
    if (page.length === 0) emptyPages.add(key);
    takeMessages(page);
    setHistory(channelId, { loadingNewer: false });
  } catch (err) {
    setHistory(channelId, { loadingNewer: false, error: describe(err) });
  }
}

export type AroundResult = { found: true } | { found: false; error?: string };

/**
 * Messages around `seq` (a permalink). Not found: a seq the channel never had. The answer holds
 * the newest messages then, which the log shows instead.
 */
export async function loadAround(channelId: string, seq: number): Promise<AroundResult> {
  if (!Number.isSafeInteger(seq) || seq < 1) return { found: false };
  // Held already: shown at once; the log fetches its neighbours as they come into view.
  if (chatStore.getState().messages[channelId]?.some((m) => m.seq === seq)) return { found: true };
  try {
    const held = await localStore().loadMessages(channelId, { before: seq + Math.ceil(PAGE / 2), limit: PAGE });
    if (held.some((m) => m.seq === seq)) {
      showHeldMessages(held);
      return { found: true };
    }
  } catch {
    // Not readable here: ask the server.
  }
  try {
    const page = await fetchPage(channelId, { around: seq });
    takeMessages(page);
    return page.some((m) => m.seq === seq) ? { found: true } : { found: false };
  } catch (err) {
    return { found: false, error: describe(err) };
  }
}
