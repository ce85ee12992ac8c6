"use client";
import { useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import { useErrorText } from "@/app/_client/use-error-text";
import { disablePush, enablePush, type PushState, pushState } from "@/app/_client/push-notifications";

/**
 * Notifications are asked for when the user chooses to, never on load. Browsers block a prompt
 * that was not started by a click, and an unexplained prompt is usually refused.
 */
export function NotificationsToggle() {
  const t = useTranslations("notifications");
  const errorText = useErrorText();
  const [state, setState] = useState<PushState | "busy" | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void pushState().then(setState, () => setState("unsupported"));
  }, []);

  if (state === null || state === "unsupported") return null;
  if (state === "denied") {
    return <p className="notifications-note">{t("blocked")}</p>;
  }
  const run = async (action: () => Promise<PushState>) => {
    setError(null);
    setState("busy");
    try {
      setState(await action());
    } catch (err) {
      setError(errorText(err, t("couldNotChange")));
      setState(await pushState().catch(() => "off" as const));
    }
  };
  return (
    <div className="notifications-toggle">
      {state === "on" ? (
        <button type="button" className="link-button" onClick={() => run(disablePush)}>
          {t("turnOff")}
        </button>
      ) : (
        <button type="button" className="link-button" disabled={state === "busy"} onClick={() => run(enablePush)}>
          {t("enable")}
        </button>
      )}
      {error && <p role="alert">{error}</p>}
    </div>
  );
}
