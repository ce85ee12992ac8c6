"use client";
import { useEffect } from "react";
import { loadLatest } from "@/app/_client/history";
import { useChat } from "@/app/_client/use-chat";
import { Composer } from "./composer";
import { ConversationHeader } from "./conversation-header";
import { MessageLog } from "./message-log";
import { useChannelName } from "./use-channel-name";
import { useMarkRead } from "./use-mark-read";

export function Conversation({ channelId }: { channelId: string }) {
  const channel = useChat((s) => s.channels[channelId]);
  const channelsLoaded = useChat((s) => s.channelsLoaded);
  const name = useChannelName(channel);
  const known = channel !== undefined;

  useEffect(() => {
    if (known) void loadLatest(channelId);
  }, [channelId, known]);
  useMarkRead(channelId);

  if (!channel) {
    return (
      <div className="empty-state">
        {channelsLoaded ? (
          <>
            <h1>Conversation not found</h1>
            <p>It does not exist, or you are not a member of it.</p>
          </>
        ) : (
          <p>Loading…</p>
        )}
      </div>
    );
  }

  return (
    <section className="conversation" aria-labelledby="conversation-title">
      <title>{`${name} · Chat`}</title>
      <ConversationHeader channel={channel} name={name} />
      <MessageLog channelId={channelId} />
      <Composer channelId={channelId} placeholder={`Message ${name}`} />
    </section>
  );
}
