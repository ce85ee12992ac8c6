"use client";
import { memo } from "react";
import { discardMessage, retryMessage } from "@/app/_client/chat-connection";
import { mentionsName } from "@/app/_client/mentions";
import { useChat } from "@/app/_client/use-chat";
import type { User } from "@/lib/contract/models";
import { Avatar } from "./avatar";
import { formatFull, formatTime } from "./format-time";
import { MessageActions } from "./message-actions";
import { MessageBody } from "./message-body";
import type { LogItem } from "./message-log";
import type { MemberName } from "@/lib/contract/models";

interface Props {
  item: LogItem;
  channelId: string;
  continued: boolean;
  /** The message a permalink points at. */
  highlighted: boolean;
  members: readonly MemberName[];
  me: User | null;
}

/** One message: sender, time and the body as plain text (line breaks kept by CSS, never HTML). */
export const MessageRow = memo(function MessageRow({ item, channelId, continued, highlighted, members, me }: Props) {
  const name = useChat((s) => s.users[item.senderId]?.name) ?? "…";
  const p = item.pending;
  const offline = useChat((s) => s.status === "offline") && p?.state === "sending";
  const state = p ? (p.state === "failed" ? "failed" : offline ? "waiting" : "pending") : "sent";
  const mentionsMe = !!me && item.senderId !== me.id && mentionsName(item.body, me.name);
  const classes = ["message", continued ? "continued" : "first", highlighted ? "highlighted" : "", mentionsMe ? "mentions-me" : ""];
  return (
    <div
      className={classes.filter(Boolean).join(" ")}
      data-state={state}
      data-key={item.key}
      data-seq={item.seq}
      aria-current={highlighted ? "true" : undefined}
      // Focusable by tap, so that touch screens can reach the message's actions.
      tabIndex={-1}
    >
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
        {mentionsMe && <span className="sr-only">Mentions you: </span>}
        <MessageBody body={item.body} members={members} meId={me?.id} />
        {p?.state === "sending" && <p className="message-status">{offline ? "Not sent yet: waiting for the network" : "Sending…"}</p>}
        {p?.state === "failed" && (
          <p className="message-status failed">
            Failed: {p.error ?? "not sent"}{" "}
            <button type="button" className="link-button" onClick={() => retryMessage(p.clientMsgId)}>
              Retry
            </button>{" "}
            <button type="button" className="link-button" onClick={() => discardMessage(p.clientMsgId)}>
              Delete
            </button>
          </p>
        )}
      </div>
      {item.seq !== undefined && <MessageActions channelId={channelId} seq={item.seq} />}
    </div>
  );
});
