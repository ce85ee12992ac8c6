"use client";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useEffect } from "react";
import { useFormattedBody } from "@/app/_client/format-loader";
import { plainText } from "@/app/_client/format-nodes";
import { permalinkPath } from "@/app/_client/message-runs";
import { ensureMessage, findIn } from "@/app/_client/quoted";
import { useChat } from "@/app/_client/use-chat";

/** The first line of a body as it reads, for a quote (without formatting marks). */
export function FirstLine({ body }: { body: string }) {
  const line = body.split("\n", 1)[0]!.trim();
  const nodes = useFormattedBody(line);
  return <>{(line.startsWith("```") ? line : plainText(nodes).trim()) || "…"}</>;
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
            <span className="reply-text">
              <FirstLine body={original.body} />
            </span>
          )}
        </>
      ) : (
        <span className="reply-text">Message {seq}</span>
      )}
    </Link>
  );
}
