"use client";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useEffect } from "react";
import { formatBody, plainText } from "@/app/_client/message-format";
import { permalinkPath } from "@/app/_client/message-runs";
import { ensureMessage, findIn } from "@/app/_client/quoted";
import { useChat } from "@/app/_client/use-chat";

/** The first line of a body as it reads, for a quote (without formatting marks). */
export function firstLine(body: string): string {
  const line = body.split("\n", 1)[0]!.trim();
  return line.startsWith("```") ? line : plainText(formatBody(line)).trim();
}

/**
 * The quote of the message a reply answers: its sender and first line, or that it was deleted.
 * A link to it (its permalink): it opens there even when that part of the history is not loaded.
 */
export function ReplyQuote({ channelId, seq }: { channelId: string; seq: number }) {
  const t = useTranslations("message");
  const original = useChat((s) => findIn(s.messages[channelId], seq));
  const name = useChat((s) => (original ? s.users[original.senderId]?.name : undefined));
  const connected = useChat((s) => s.status === "connected");
  useEffect(() => {
    if (!original) void ensureMessage(channelId, seq);
  }, [original, channelId, seq, connected]);

  return (
    <Link className="reply-quote" href={permalinkPath(channelId, seq)}>
      <span className="sr-only">{t("inReplyTo")}</span>
      {original ? (
        <>
          <span className="reply-sender">{name ?? "…"}</span>
          <span className="sr-only">: </span>{" "}
          {original.deletedAt ? (
            <span className="reply-text deleted">{t("deletedMessage")}</span>
          ) : (
            <span className="reply-text">{firstLine(original.body) || "…"}</span>
          )}
        </>
      ) : (
        <span className="reply-text">Message {seq}</span>
      )}
    </Link>
  );
}
