"use client";
import { useTranslations } from "next-intl";
import { memo } from "react";
import { discardMessage, retryMessage } from "@/app/_client/chat-connection";
import { mentionsName } from "@/app/_client/mentions";
import { useChat } from "@/app/_client/use-chat";
import type { MemberName, User } from "@/lib/contract/models";
import { AttachmentList, PendingAttachments } from "./attachment-list";
import { Avatar } from "./avatar";
import { EditBox } from "./edit-box";
import { formatFull, formatTime } from "./format-time";
import { MessageActions } from "./message-actions";
import { MessageBody } from "./message-body";
import type { LogItem } from "./log-items";
import { Reactions } from "./reactions";
import { ReplyQuote } from "./reply-quote";

const NO_REACTIONS: string[] = [];

interface Props {
  item: LogItem;
  channelId: string;
  continued: boolean;
  /** The message a permalink points at. */
  highlighted: boolean;
  members: readonly MemberName[];
  me: User | null;
  /** The user may delete it (theirs, or they own or administer the group). */
  canDelete: boolean;
  /** Read receipt: how many members have not read it (groups), or "seen" (direct). */
  receipt?: number | "seen";
  editing: boolean;
}

/**
 * One message: sender and time, the quote of the message it answers, the body (light formatting,
 * never HTML) or "This message was deleted", "(edited)", reactions, its read receipt, and actions.
 */
export const MessageRow = memo(function MessageRow({ item, channelId, continued, highlighted, members, me, canDelete, receipt, editing }: Props) {
  const t = useTranslations("message");
  const name = useChat((s) => s.users[item.senderId]?.name) ?? "…";
  const isOffline = useChat((s) => s.status === "offline");
  const p = item.pending;
  const m = item.message;
  const offline = isOffline && p?.state === "sending";
  const state = p ? (p.state === "failed" ? "failed" : offline ? "waiting" : "pending") : "sent";
  const deleted = !!m?.deletedAt;
  const mine = !!me && item.senderId === me.id;
  const mentionsMe = !!me && !mine && !deleted && mentionsName(item.body, me.name);
  const replyTo = m?.replyTo ?? p?.replyTo ?? null;
  const myReactions = m && me ? m.reactions.filter((r) => r.userIds.includes(me.id)).map((r) => r.emoji) : NO_REACTIONS;
  const classes = ["message", continued ? "continued" : "first", highlighted ? "highlighted" : "", mentionsMe ? "mentions-me" : "", deleted ? "deleted" : ""];
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
        <div className={`message-content${editing ? " editing" : ""}`}>
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
          {replyTo !== null && !deleted && <ReplyQuote channelId={channelId} seq={replyTo} />}
          {mentionsMe && <span className="sr-only">{t("mentionsYou")}</span>}
          {deleted ? (
            <p className="message-deleted">{t("deleted")}</p>
          ) : editing && item.seq !== undefined ? (
            <EditBox channelId={channelId} seq={item.seq} body={item.body} />
          ) : item.body === "" && !m?.editedAt ? null : (
            <MessageBody
              body={item.body}
              members={members}
              meId={me?.id}
              after={m?.editedAt ? <span className="message-edited" title={formatFull(m.editedAt)}>{t("edited")}</span> : null}
            />
          )}
          {/* Copies stored on the device before files existed have none. */}
          {m && !deleted && (m.attachments?.length ?? 0) > 0 && <AttachmentList attachments={m.attachments} />}
          {p?.files && p.files.length > 0 && <PendingAttachments files={p.files} />}
          {m && me && item.seq !== undefined && <Reactions channelId={channelId} seq={item.seq} reactions={m.reactions} meId={me.id} />}
          {m?.changing && isOffline && <p className="message-status">{t("changeWaiting")}</p>}
          {p?.state === "sending" && <p className="message-status">{offline ? t("notSentYet") : t("sending")}</p>}
          {p?.state === "failed" && (
            <p className="message-status failed">
              {t("failed", { reason: p.error ?? t("notSent") })}{" "}
              <button type="button" className="link-button" onClick={() => retryMessage(p.clientMsgId)}>
                {t("retry")}
              </button>{" "}
              <button type="button" className="link-button" onClick={() => discardMessage(p.clientMsgId)}>
                {t("delete")}
              </button>
            </p>
          )}
        </div>
        {/* Beside the message's end, as KakaoTalk shows it. */}
        {receipt !== undefined && (
          <p className={`message-receipt${receipt === "seen" ? " seen" : ""}`}>
            {receipt === "seen" ? (
              t("seen")
            ) : (
              <>
                <span aria-hidden="true">{receipt}</span>
                <span className="sr-only">{t("notReadBy", { count: receipt })}</span>
              </>
            )}
          </p>
        )}
      </div>
      {item.seq !== undefined && !deleted && !editing && (
        <MessageActions channelId={channelId} seq={item.seq} mine={mine} canDelete={mine || canDelete} myReactions={myReactions} />
      )}
    </div>
  );
});
