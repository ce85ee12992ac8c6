"use client";
import { useEffect, useState } from "react";
import { useChat } from "@/app/_client/use-chat";

const OFFLINE = "You are offline. Messages you write are sent when the connection is back.";

/** Offline at once; a socket down for a moment (short blips stay silent). */
export function ConnectionBanner() {
  const status = useChat((s) => s.status);
  const [shown, setShown] = useState<string | null>(null);

  useEffect(() => {
    if (status === "offline") {
      setShown(OFFLINE);
      return;
    }
    const text = status === "reconnecting" ? "Reconnecting…" : status === "connecting" ? "Connecting…" : null;
    if (!text) {
      setShown(null);
      return;
    }
    const t = setTimeout(() => setShown(text), status === "reconnecting" ? 800 : 2_000);
    return () => clearTimeout(t);
  }, [status]);

  return (
    <div
      role="status"
      className="connection-banner"
      data-shown={shown ? "true" : "false"}
      data-kind={status === "offline" ? "offline" : "connecting"}
    >
      {shown}
    </div>
  );
}
