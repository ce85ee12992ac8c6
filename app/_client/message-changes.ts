// Edits, deletes and reactions: shown at once (pending-changes.ts), kept on the device until
// acknowledged, and sent one at a time in the order made, when connected (on reconnect too).
// Each is idempotent on the server (an edit sets the body, deleting again answers the same,
// a reaction says on or off), so one whose ack was lost is harmless to send again.
import type { Ack } from "@/lib/contract/errors";
import { bodyProblem, type BodyProblem } from "@/lib/contract/message-body";
import type { Message } from "@/lib/contract/models";
import { ACK_TIMEOUT_MS, backoff, currentSession, later, type Session } from "./chat-session";
import { dropChange, keepChange, takeMessages } from "./device-state";
import type { PendingChange } from "./local-store";
import { chatStore, showNotice } from "./store";
import { type MessageKey, refusalText, uiText } from "./ui-text";

/** Refusals worth trying again later. */
const TRANSIENT = new Set(["rate_limited", "internal"]);

function newId(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (x) => x.toString(16).padStart(2, "0")).join("");
}

function queue(change: PendingChange): void {
  keepChange(change);
  const s = currentSession();
  if (s) sendNextChange(s);
}

const base = (channelId: string, seq: number) => ({ id: newId(), channelId, seq, createdAt: new Date().toISOString() });

/** Edits one of the user's messages. Returns why the body cannot be sent, or null. */
export function editMessage(channelId: string, seq: number, body: string): BodyProblem {
  const problem = bodyProblem(body);
  if (problem) return problem;
  queue({ ...base(channelId, seq), kind: "edit", body });
  return null;
}

export function deleteMessage(channelId: string, seq: number): void {
  queue({ ...base(channelId, seq), kind: "delete" });
}

/** Adds (`on`) or removes the user's reaction. */
export function react(channelId: string, seq: number, emoji: string, on: boolean): void {
  queue({ ...base(channelId, seq), kind: "reaction", emoji, on });
}

/** On connect: what waits goes, in order. */
export function sendChanges(s: Session): void {
  sendNextChange(s);
}

const refusals: Record<PendingChange["kind"], MessageKey> = {
  edit: "actions.couldNotEdit",
  delete: "actions.couldNotDelete",
  reaction: "actions.couldNotReact",
};

function sendNextChange(s: Session): void {
  const socket = s.socket;
  if (s.stopped || !socket?.connected || s.changeInFlight) return;
  const next = chatStore.getState().changes[0];
  if (!next) return;
  s.changeInFlight = true;
  const connection = s.connection;
  const done = (err: Error | null, ack: Ack<{ message: Message }> | undefined) => {
    if (s.stopped) return;
    // The answer's message arrives like any other (store, cursor, device), before the change
    // leaves, so the screen never shows the old copy in between.
    if (!err && ack?.ok) takeMessages([ack.message]);
    if (s.connection !== connection) return;
    s.changeInFlight = false;
    if (err || !ack) {
      later(s, () => sendNextChange(s), 1_000);
      return;
    }
    if (!ack.ok && TRANSIENT.has(ack.error.code)) {
      later(s, () => sendNextChange(s), backoff(s.failures++));
      return;
    }
    dropChange(next.id);
    if (!ack.ok) showNotice(uiText(refusals[next.kind], { reason: refusalText(ack.error.code, ack.error.message) }));
    sendNextChange(s);
  };
  const emitter = socket.timeout(ACK_TIMEOUT_MS);
  if (next.kind === "edit") emitter.emit("message:edit", { channelId: next.channelId, seq: next.seq, body: next.body }, done);
  else if (next.kind === "delete") emitter.emit("message:delete", { channelId: next.channelId, seq: next.seq }, done);
  else emitter.emit("reaction", { channelId: next.channelId, seq: next.seq, emoji: next.emoji, on: next.on }, done);
}
