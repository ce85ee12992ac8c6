// Files being sent: the ones attached to the message being written in each conversation (drafts,
// uploaded at once so that Send is quick), and the uploads of messages in the outbox (sent when the
// device is back, from the Blob kept in IndexedDB). One upload per file: a draft's upload still
// running when its message is sent is the one the outbox waits for.
import { useStore } from "zustand";
import { createStore } from "zustand/vanilla";
import type { Attachment } from "@/lib/contract/models";
import { LIMITS } from "@/lib/contract/limits";
import type { OutboxFile, OutboxItem } from "./local-store";
import { chatStore, showNotice } from "./store";
import { uiText } from "./ui-text";
import { addFiles, type DraftFile, failed, finished, progressed, removeFile, started, type UploadState, waiting } from "./upload-queue";
import { type UploadHandle, UploadError, uploadFile } from "./upload-request";

export interface SendingFile {
  state: UploadState;
  loaded: number;
}

interface UploadsState {
  /** Per channel, the files attached to the message being written. */
  drafts: Record<string, DraftFile[]>;
  /** Per file (localId), the upload of a file whose message is in the outbox. */
  sending: Record<string, SendingFile>;
}

const NO_DRAFTS: DraftFile[] = [];
const store = createStore<UploadsState>()(() => ({ drafts: {}, sending: {} }));

export function useUploads<T>(selector: (s: UploadsState) => T): T {
  return useStore(store, selector);
}

export function useDrafts(channelId: string): DraftFile[] {
  return useUploads((s) => s.drafts[channelId] ?? NO_DRAFTS);
}

const inflight = new Map<string, UploadHandle>();

function newLocalId(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (x) => x.toString(16).padStart(2, "0")).join("");
}

/** Applies a transition to the draft with this id (whatever channel) and to its sending entry. */
function note(localId: string, change: (list: DraftFile[]) => DraftFile[], sending?: Partial<SendingFile>): void {
  store.setState((s) => {
    const drafts = { ...s.drafts };
    for (const [channelId, list] of Object.entries(s.drafts)) if (list.some((f) => f.localId === localId)) drafts[channelId] = change(list);
    const was = s.sending[localId];
    return { drafts, sending: was && sending ? { ...s.sending, [localId]: { ...was, ...sending } } : s.sending };
  });
}

/** Starts (or joins) the upload of a file. */
function upload(channelId: string, f: { localId: string; blob: Blob; name: string; size: number }): Promise<Attachment> {
  let handle = inflight.get(f.localId);
  if (!handle) {
    const h = uploadFile(channelId, f.blob, f.name, (loaded) => note(f.localId, (l) => progressed(l, f.localId, loaded), { loaded: Math.min(loaded, f.size) }));
    handle = h;
    inflight.set(f.localId, h);
    note(f.localId, (l) => started(l, f.localId), { state: "uploading", loaded: 0 });
    const forget = () => {
      if (inflight.get(f.localId) === h) inflight.delete(f.localId);
    };
    h.done.then(forget, forget);
  }
  return handle.done;
}

function uploadDraft(channelId: string, f: DraftFile): void {
  if (typeof navigator !== "undefined" && navigator.onLine === false) return;
  upload(channelId, f).then(
    (a) => note(f.localId, (l) => finished(l, f.localId, a)),
    (e: unknown) => {
      const err = e instanceof UploadError ? e : new UploadError("internal", String(e));
      if (err.code === "aborted") return;
      note(f.localId, (l) => (err.transient ? waiting(l, f.localId) : failed(l, f.localId, err.message)));
    },
  );
}

/** Files chosen, pasted or dropped into a conversation: added (up to 10) and uploaded at once. */
export function attachFiles(channelId: string, files: readonly File[]): void {
  if (files.length === 0) return;
  watchConnection();
  const added: DraftFile[] = files.map((file) => ({
    localId: newLocalId(),
    name: file.name || "file",
    size: file.size,
    type: file.type,
    blob: file,
    state: "waiting",
    loaded: 0,
  }));
  const { list, refused } = addFiles(store.getState().drafts[channelId] ?? [], added);
  store.setState((s) => ({ drafts: { ...s.drafts, [channelId]: list } }));
  if (refused > 0) showNotice(uiText("files.tooMany", { max: LIMITS.attachmentsPerMessageMax, refused }));
  for (const f of list) if (added.includes(f)) uploadDraft(channelId, f);
}

/** Cancel: its upload stops and it leaves the message (an upload already made expires unsent). */
export function removeDraft(channelId: string, localId: string): void {
  inflight.get(localId)?.abort();
  store.setState((s) => ({ drafts: { ...s.drafts, [channelId]: removeFile(s.drafts[channelId] ?? [], localId) } }));
}

/** Sent: the drafts become the outbox item's files; uploads still running go on for it. */
export function takeDrafts(channelId: string): OutboxFile[] {
  const list = store.getState().drafts[channelId] ?? [];
  if (list.length === 0) return [];
  store.setState((s) => {
    const sending = { ...s.sending };
    for (const f of list) if (!f.attachment) sending[f.localId] = { state: f.state === "uploading" ? "uploading" : "waiting", loaded: f.loaded };
    return { drafts: { ...s.drafts, [channelId]: [] }, sending };
  });
  return list.map((f) => ({ localId: f.localId, name: f.name, size: f.size, type: f.type, blob: f.blob, ...(f.attachment ? { attachment: f.attachment } : {}) }));
}

/**
 * Uploads an outbox item's files not uploaded yet (joining any upload running), and answers the item
 * with every file's attachment. Throws the first UploadError (`transient`: try again later).
 */
export async function uploadOutboxFiles(item: OutboxItem): Promise<OutboxItem> {
  const files = item.files ?? [];
  for (const f of files) {
    if (f.attachment) continue;
    if (!store.getState().sending[f.localId]) store.setState((s) => ({ sending: { ...s.sending, [f.localId]: { state: "waiting", loaded: 0 } } }));
  }
  const results = await Promise.allSettled(files.map((f) => (f.attachment ? Promise.resolve(f.attachment) : upload(item.channelId, f))));
  const out: OutboxFile[] = files.map((f, i) => {
    const r = results[i]!;
    return r.status === "fulfilled" ? { ...f, attachment: r.value } : f;
  });
  store.setState((s) => {
    const sending = { ...s.sending };
    results.forEach((r, i) => {
      const id = files[i]!.localId;
      if (r.status === "fulfilled") delete sending[id];
      else if (sending[id]) sending[id] = { state: r.reason instanceof UploadError && r.reason.transient ? "waiting" : "failed", loaded: 0 };
    });
    return { sending };
  });
  const problem = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (problem) {
    const reason: unknown = problem.reason;
    const err = reason instanceof UploadError ? reason : new UploadError("internal", String(reason));
    throw Object.assign(err, { item: { ...item, files: out } });
  }
  return { ...item, files: out };
}

/** The item with an upload error's partial progress (the files uploaded before it failed). */
export function partialItem(e: unknown, item: OutboxItem): OutboxItem {
  return (e as { item?: OutboxItem } | null)?.item ?? item;
}

/** A discarded outbox item: its uploads stop. */
export function stopUploads(item: OutboxItem): void {
  for (const f of item.files ?? []) inflight.get(f.localId)?.abort();
  store.setState((s) => {
    const sending = { ...s.sending };
    for (const f of item.files ?? []) delete sending[f.localId];
    return { sending };
  });
}

let watching = false;
/** Drafts waiting for the network go up when the connection comes back. */
function watchConnection(): void {
  if (watching) return;
  watching = true;
  chatStore.subscribe((s, prev) => {
    if (s.status !== "connected" || prev.status === "connected") return;
    for (const [channelId, list] of Object.entries(store.getState().drafts)) {
      for (const f of list) if (f.state === "waiting" && !inflight.has(f.localId)) uploadDraft(channelId, f);
    }
  });
}

/** Log-out: nothing of the user's stays in memory. */
export function resetUploads(): void {
  for (const h of inflight.values()) h.abort();
  inflight.clear();
  store.setState({ drafts: {}, sending: {} });
}
