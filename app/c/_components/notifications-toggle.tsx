"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { turnPush } from "@/app/_client/push-toggle";
import { useErrorText } from "@/app/_client/use-error-text";
import { usePushToggle } from "./use-push-toggle";

/**
 * Notifications are asked for when the user chooses to, never on load. Browsers block a prompt
 * that was not started by a click, and an unexplained prompt is usually refused.
 */
export function NotificationsToggle() {
  const t = useTranslations("notifications");
  const errorText = useErrorText();
  const state = usePushToggle();
  const [error, setError] = useState<string | null>(null);

  if (state === null || state === "unsupported") return null;
  if (state === "denied") {
    return <p className="notifications-note">{t("blocked")}</p>;
  }
  const run = async (on: boolean) => {
    setError(null);
    try {
      await turnPush(on);
    } catch (err) {
      setError(errorText(err, t("couldNotChange")));
    }
  };
  return (
    <div className="notifications-toggle">
      {state === "on" ? (
        <button type="button" className="link-button" onClick={() => run(false)}>
          {t("turnOff")}
        </button>
      ) : (
        <button type="button" className="link-button" disabled={state === "busy"} onClick={() => run(true)}>
          {t("enable")}
        </button>
      )}
      {error && <p role="alert">{error}</p>}
    </div>
  );
}
