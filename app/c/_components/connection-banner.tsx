"use client";
import { useEffect, useState } from "react";
import { useChat } from "@/app/_client/use-chat";

/** Shown when the socket has been down for a moment (short blips stay silent). */
export function ConnectionBanner() {
  const status = useChat((s) => s.status);
  const [shown, setShown] = useState<string | null>(null);

  useEffect(() => {
    const text = status === "reconnecting" ? "Reconnecting…" : status === "connecting" ? "Connecting…" : null;
    if (!text) {
      setShown(null);
      return;
    }
    const t = setTimeout(() => setShown(text), status === "reconnecting" ? 800 : 2_000);
    return () => clearTimeout(t);
  }, [status]);

  return (
    <div role="status" className="connection-banner" data-shown={shown ? "true" : "false"}>
      {shown}
    </div>
  );
}
