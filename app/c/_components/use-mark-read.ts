"use client";
import { useEffect, useState } from "react";
import { markRead } from "@/app/_client/chat-connection";
import { useChat } from "@/app/_client/use-chat";

/** While the channel is open and the page visible, marks read up to the last message shown. */
export function useMarkRead(channelId: string, lastShown: number): void {
  const lastRead = useChat((s) => s.channels[channelId]?.lastReadSeq ?? 0);
  const visible = usePageVisible();
  useEffect(() => {
    if (visible && lastShown > lastRead) markRead(channelId, lastShown);
  }, [channelId, lastShown, lastRead, visible]);
}

function usePageVisible(): boolean {
  const [visible, setVisible] = useState(true);
  useEffect(() => {
    const update = () => setVisible(document.visibilityState === "visible");
    update();
    document.addEventListener("visibilitychange", update);
    return () => document.removeEventListener("visibilitychange", update);
  }, []);
  return visible;
}
