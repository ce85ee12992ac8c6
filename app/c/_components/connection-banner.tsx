"use client";
import { useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import { useChat } from "@/app/_client/use-chat";

/** Offline at once; a socket down for a moment (short blips stay silent). */
export function ConnectionBanner() {
  const t = useTranslations("connection");
  const status = useChat((s) => s.status);
  const [shown, setShown] = useState<string | null>(null);

  useEffect(() => {
    if (status === "offline") {
      setShown(t("offline"));
      return;
    }
    const text = status === "reconnecting" ? t("reconnecting") : status === "connecting" ? t("connecting") : null;
    if (!text) {
      setShown(null);
      return;
    }
    const timer = setTimeout(() => setShown(text), status === "reconnecting" ? 800 : 2_000);
    return () => clearTimeout(timer);
  }, [status, t]);

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
