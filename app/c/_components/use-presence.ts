"use client";
import { useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import { useChat } from "@/app/_client/use-chat";
import { formatLastSeen } from "./format-time";

/**
 * A person's presence as words ("online", "last seen 5 minutes ago"), kept current; null if
 * unknown, as it is while this device is offline.
 */
export function usePresence(userId: string | undefined): { online: boolean; text: string } | null {
  const presence = useChat((s) => (userId && s.status !== "offline" ? s.presence[userId] : undefined));
  const t = useTranslations("presence");
  const now = useClock(presence !== undefined && !presence.online);
  if (!presence) return null;
  return { online: presence.online, text: presence.online ? t("online") : formatLastSeen(presence.lastActiveAt, now) };
}

/** The current time, renewed every 30 s while `running` ("last seen 5 minutes ago" moves on). */
function useClock(running: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(t);
  }, [running]);
  return now;
}
