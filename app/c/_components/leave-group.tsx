"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";

/** "Leave group", with a second step: nobody can undo it but another member. */
export function LeaveGroup({ onLeave }: { onLeave: () => Promise<void> }) {
  const t = useTranslations("group");
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!asking) {
    return (
      <div className="leave-group">
        <button type="button" className="button danger-subtle" onClick={() => setAsking(true)}>
          {t("leave")}
        </button>
      </div>
    );
  }
  return (
    <div className="leave-group asking">
      <p>{t("leaveAsk")}</p>
      <div className="dialog-actions">
        <button type="button" className="button subtle" onClick={() => setAsking(false)}>
          {t("stay")}
        </button>
        <button
          type="button"
          className="button danger"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            await onLeave();
            setBusy(false);
            setAsking(false);
          }}
        >
          {t("leaveConfirm")}
        </button>
      </div>
    </div>
  );
}
