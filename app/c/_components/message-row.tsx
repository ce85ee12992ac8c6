"use client";
import { discardMessage, retryMessage } from "@/app/_client/chat-connection";
import { useChat } from "@/app/_client/use-chat";
import { Avatar } from "./avatar";
import { formatFull, formatTime } from "./format-time";
import type { LogItem } from "./message-log";

/** One message: sender, time and the body as plain text (line breaks kept by CSS, never HTML). */
export function MessageRow({ item, continued }: { item: LogItem; continued: boolean }) {
  const name = useChat((s) => s.users[item.senderId]?.name) ?? "…";
  const p = item.pending;
  const state = p ? (p.state === "failed" ? "failed" : "pending") : "sent";
  return (
    <div className={`message ${continued ? "continued" : "first"}`} data-state={state}>
      <div className="message-gutter">
        {continued ? (
          <time className="message-time-hover" dateTime={item.createdAt} title={formatFull(item.createdAt)} aria-hidden="true">
            {formatTime(item.createdAt)}
          </time>
        ) : (
          <Avatar id={item.senderId} name={name} />
        )}
      </div>
      <div className="message-main">
        {continued ? (
          <span className="sr-only">
            {name}, {formatTime(item.createdAt)}:
          </span>
        ) : (
          <div className="message-head">
            <span className="message-sender">{name}</span>{" "}
            <time className="message-time" dateTime={item.createdAt} title={formatFull(item.createdAt)}>
              {formatTime(item.createdAt)}
            </time>
          </div>
        )}
        <p className="message-body">{item.body}</p>
        {p?.state === "sending" && <p className="message-status">Sending…</p>}
        {p?.state === "failed" && (
          <p className="message-status failed">
            Failed: {p.error ?? "not sent"}{" "}
            <button type="button" className="link-button" onClick={() => retryMessage(p.clientMsgId)}>
              Retry
            </button>{" "}
            <button type="button" className="link-button" onClick={() => discardMessage(p.clientMsgId)}>
              Discard
            </button>
          </p>
        )}
      </div>
    </div>
  );
}
