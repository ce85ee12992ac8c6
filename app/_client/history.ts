// Pages of a channel's history over HTTP, merged by seq with what live events and sync bring.
import { LIMITS } from "@/lib/contract/limits";
import type { Message } from "@/lib/contract/models";
import { ApiError, apiGet } from "./api";
import { localStore, takeMessages } from "./device-state";
import { chatStore, setHistory } from "./store";

const PAGE = LIMITS.historyDefault;

function describe(err: unknown): string {
  if (err instanceof ApiError && (err.code === "forbidden" || err.code === "not_found")) {
    return "This conversation does not exist or you are not a member of it.";
  }
  return err instanceof ApiError ? err.message : "Could not load messages.";
}

async function fetchPage(channelId: string, query: Record<string, string>): Promise<Message[]> {
  const qs = new URLSearchParams({ ...query, limit: String(PAGE) });
  const { messages } = await apiGet<{ messages: Message[] }>(`/api/channels/${encodeURIComponent(channelId)}/messages?${qs}`);
  return messages;
}

const holdsFirst = (channelId: string) => chatStore.getState().messages[channelId]?.[0]?.seq === 1;

/** The latest page, once per channel (live events keep it current afterwards). */
export async function loadLatest(channelId: string): Promise<void> {
  const h = chatStore.getState().history[channelId];
  if (h?.loading || h?.loaded) return;
  setHistory(channelId, { loading: true, error: undefined });
  try {
    takeMessages(await localStore().loadMessages(channelId, PAGE));
    const page = await fetchPage(channelId, {});
    takeMessages(page);
    setHistory(channelId, { loading: false, loaded: true, reachedStart: page.length < PAGE || holdsFirst(channelId) });
  } catch (err) {
    setHistory(channelId, { loading: false, error: describe(err) });
  }
}

export async function loadOlder(channelId: string): Promise<void> {
  const s = chatStore.getState();
  const h = s.history[channelId];
  const first = s.messages[channelId]?.[0];
  if (!first || h?.loading || h?.reachedStart) return;
  setHistory(channelId, { loading: true, error: undefined });
  try {
    const page = await fetchPage(channelId, { before: String(first.seq) });
    takeMessages(page);
    setHistory(channelId, { loading: false, reachedStart: page.length < PAGE || holdsFirst(channelId) });
  } catch (err) {
    setHistory(channelId, { loading: false, error: describe(err) });
  }
}
