"use client";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { useTranslations } from "next-intl";
import { loadRoles } from "@/app/_client/groups";
import { loadLatest } from "@/app/_client/history";
import { useChat } from "@/app/_client/use-chat";
import { Composer } from "./composer";
import { ConversationHeader } from "./conversation-header";
import { MessageLog } from "./message-log";
import { TypingIndicator } from "./typing-indicator";
import { useChannelMembers } from "./use-channel-members";
import { useChannelName } from "./use-channel-name";
import { useLeaveWhenRemoved } from "./use-leave-when-removed";
import { useOpenAddress } from "./use-open-address";
import { usePermalinkTarget } from "./use-permalink-target";
import { useFileDrop } from "./use-file-drop";

export function Conversation({ channelId }: { channelId: string }) {
  const t = useTranslations("composer");
  const tc = useTranslations("conversation");
  const tl = useTranslations("common");
  const router = useRouter();
  const { seq: seqParam } = useOpenAddress();
  const channel = useChat((s) => s.channels[channelId]);
  const channelsLoaded = useChat((s) => s.channelsLoaded);
  const meId = useChat((s) => s.me?.id);
  const name = useChannelName(channel);
  const known = channel !== undefined;
  const { target, retry } = usePermalinkTarget(channelId, seqParam, known);
  const members = useChannelMembers(channel);
  const others = useMemo(() => members.filter((m) => m.id !== meId), [members, meId]);
  const showsLatest = target === null || target.status === "missing";
  const connected = useChat((s) => s.status === "connected");
  const drop = useFileDrop(channelId);
  // Where the unread messages started when the conversation was opened (kept while it stays open,
  // though opening it marks them read).
  const [firstUnreadSeq, setFirstUnreadSeq] = useState<number | null | undefined>(undefined);
  if (firstUnreadSeq === undefined && channel) {
    setFirstUnreadSeq(channel.lastSeq > channel.lastReadSeq ? channel.lastReadSeq + 1 : null);
  }

  useEffect(() => {
    // Again after a reconnect: a first try that failed offline.
    if (known && showsLatest) void loadLatest(channelId);
  }, [channelId, known, showsLatest, connected]);
  const memberCount = channel?.memberIds.length ?? 0;
  useEffect(() => {
    // Roles (who may delete others' messages) and read receipts; again after a reconnect, as
    // `read` events missed meanwhile are not replayed, and when members come or go.
    if (known && connected) void loadRoles(channelId);
  }, [channelId, known, connected, memberCount]);
  useLeaveWhenRemoved(known);

  if (!channel) {
    return (
      <div className="empty-state">
        {channelsLoaded ? (
          <>
            <h1>{tc("notFound")}</h1>
            <p>{tc("notFoundHint")}</p>
          </>
        ) : (
          <p>{tl("loading")}</p>
        )}
      </div>
    );
  }

  const latestPath = `/c/${encodeURIComponent(channelId)}`;
  return (
    <section className={`conversation${drop.over ? " drop-target" : ""}`} aria-labelledby="conversation-title" {...drop.handlers}>
      <title>{tc("pageTitle", { name })}</title>
      <ConversationHeader channel={channel} name={name} />
      <MessageLog
        // A new permalink (or none) is a new list, placed afresh.
        key={`${channelId}:${target?.seq ?? "latest"}`}
        channelId={channelId}
        firstUnreadSeq={firstUnreadSeq ?? null}
        target={target}
        members={members}
        onRetryTarget={retry}
        onJumpToLatest={() => router.push(latestPath)}
      />
      <TypingIndicator channelId={channelId} />
      <Composer
        channelId={channelId}
        placeholder={t("placeholder", { name })}
        members={others}
        // Writing from an old stretch of history: the new message is shown where it goes, at the end.
        onSent={() => target !== null && router.push(latestPath)}
      />
    </section>
  );
}
