// The outbox: messages the user wrote, shown at once as pending, kept on the device (IndexedDB),
// sent one at a time per channel when connected, and retried with the same clientMsgId until
// acknowledged (the server stores a clientMsgId at most once). Refused ones stay as failed until
// the user retries or deletes them.
import { type BodyProblem, bodyProblem } from "@/lib/contract/message-body";
import { ACK_TIMEOUT_MS, backoff, currentSession, later, type Session } from "./chat-session";
import { dropOutbox, keepOutbox, takeMessages } from "./device-state";
import type { OutboxFile, OutboxItem } from "./local-store";
import { chatStore, findPending } from "./store";
import { partialItem, stopUploads, uploadOutboxFiles } from "./uploads";

/** Refusals worth trying again later rather than showing as failed. */
const TRANSIENT = new Set(["rate_limited", "internal"]);

function newClientMsgId(): string {
  // randomUUID exists only in secure contexts; a self-hosted install may be served over plain http.
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
}

/**
 * Queues a message: shown at once as pending, kept in the device's outbox, sent when connected
 * and retried with the same clientMsgId until acknowledged. Returns why it cannot be sent, or null.
 */
export function sendMessage(channelId: string, body: string, replyTo?: number, files?: OutboxFile[]): BodyProblem {
  const problem = bodyProblem(body);
  // With files, the text is optional.
  if (problem && !(problem === "empty" && files?.length)) return problem;
  const s = currentSession();
  if (!s) return null;
  const item: OutboxItem = { clientMsgId: newClientMsgId(), channelId, body, createdAt: new Date().toISOString(), state: "sending" };
  if (replyTo !== undefined) item.replyTo = replyTo;
  if (files?.length) item.files = files;
  keepOutbox(item);
  sendNext(s, channelId);
  return null;
}

/** A failed message goes again, with its clientMsgId. */
export function retryMessage(clientMsgId: string): void {
  const s = currentSession();
  const p = findPending(clientMsgId);
  if (!s || !p) return;
  keepOutbox({ ...p, state: "sending", error: undefined });
  sendNext(s, p.channelId);
}

export function discardMessage(clientMsgId: string): void {
  const p = findPending(clientMsgId);
  if (p) stopUploads(p);
  if (p) dropOutbox(clientMsgId);
}

/** On connect: everything waiting goes (again; a lost ack's message is stored once). */
export function sendAll(s: Session): void {
  for (const channelId of Object.keys(chatStore.getState().pending)) sendNext(s, channelId);
}

function sendNext(s: Session, channelId: string): void {
  const socket = s.socket;
  if (s.stopped || !socket?.connected || s.inFlight.has(channelId)) return;
  const next = chatStore.getState().pending[channelId]?.find((p) => p.state === "sending");
  if (!next) return;
  s.inFlight.add(channelId);
  const connection = s.connection;
  // --- files: uploaded first (from the Blob kept on the device), then the message names them.
  if (next.files?.some((f) => !f.attachment)) {
    void uploadOutboxFiles(next).then(
      (ready) => afterUploads(s, connection, ready, null),
      (e: unknown) => afterUploads(s, connection, partialItem(e, next), e as { message: string; transient?: boolean }),
    );
    return;
  }
  const attachmentIds = next.files?.map((f) => f.attachment!.id);
  // --- end files
  const payload = {
    channelId,
    clientMsgId: next.clientMsgId,
    body: next.body,
    ...(next.replyTo ? { replyTo: next.replyTo } : {}),
    ...(attachmentIds?.length ? { attachmentIds } : {}),
  };
  socket.timeout(ACK_TIMEOUT_MS).emit("message:send", payload, (err, ack) => {
    if (s.stopped) return;
    // The ack's message arrives like any other: cursor, device store, and out of the outbox.
    if (!err && ack.ok) takeMessages([ack.message]);
    // After a reconnect everything pending was sent again: this answer's turn is over.
    if (s.connection !== connection) return;
    s.inFlight.delete(channelId);
    if (err) {
      // Timed out or disconnected: the same clientMsgId goes again; the server stores it at most once.
      later(s, () => sendNext(s, channelId), 1_000);
      return;
    }
    if (!ack.ok) {
      if (TRANSIENT.has(ack.error.code)) {
        later(s, () => sendNext(s, channelId), backoff(s.failures++));
        return;
      }
      // Uploads nobody sent expire after a day: made again once from the kept bytes.
      if (ack.error.code === "invalid" && next.files?.length && !next.reuploaded && findPending(next.clientMsgId)) {
        keepOutbox({ ...next, reuploaded: true, files: next.files.map(({ attachment: _, ...f }) => f) });
        sendNext(s, channelId);
        return;
      }
      if (findPending(next.clientMsgId)) {
        const failed: OutboxItem = { ...next, state: "failed", error: ack.error.message };
        keepOutbox(failed);
      }
    }
    sendNext(s, channelId);
  });
}

/** An outbox item's uploads ended: kept with its attachments, then sent; or failed, or tried later. */
function afterUploads(s: Session, connection: number, item: OutboxItem, error: { message: string; transient?: boolean } | null): void {
  if (s.stopped) return;
  const still = findPending(item.clientMsgId);
  if (still) keepOutbox({ ...still, files: item.files });
  if (s.connection !== connection) return;
  s.inFlight.delete(item.channelId);
  if (!error) return sendNext(s, item.channelId);
  if (error.transient) {
    later(s, () => sendNext(s, item.channelId), backoff(s.failures++));
    return;
  }
  if (still && still.state === "sending") keepOutbox({ ...still, files: item.files, state: "failed", error: error.message });
  sendNext(s, item.channelId);
}
