"use client";
import { signOut } from "next-auth/react";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { stopChat } from "@/app/_client/chat-connection";

export function LogOutButton() {
  const t = useTranslations("sidebar");
  const [busy, setBusy] = useState(false);
  async function logOut() {
    setBusy(true);
    try {
      await signOut({ redirect: false });
    } finally {
      await stopChat();
      window.location.assign("/login");
    }
  }
  return (
    <button type="button" className="button subtle" onClick={logOut} disabled={busy}>
      {t("logOut")}
    </button>
  );
}
