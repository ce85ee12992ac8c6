"use client";
import { useEffect, useId, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { myNotificationPreviews, setNotificationPreviews } from "@/app/_client/notification-settings";
import { turnPush } from "@/app/_client/push-toggle";
import { useErrorText } from "@/app/_client/use-error-text";
import { usePushToggle } from "./use-push-toggle";

/**
 * Settings › Notifications: push on this device (the same switch as the sidebar's), whether
 * notifications show the message's text, and where muting one conversation lives.
 */
export function NotificationsSection() {
  const t = useTranslations("settings");
  const tn = useTranslations("notifications");
  const errorText = useErrorText();
  const headingId = useId();
  const previewsNoteId = useId();
  const push = usePushToggle();
  const [previews, setPreviews] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  const touched = useRef(false);

  useEffect(() => {
    let current = true;
    myNotificationPreviews()
      .then((on) => current && !touched.current && setPreviews(on))
      .catch(() => current && setPreviews(true));
    return () => {
      current = false;
    };
  }, []);

  async function changePush(on: boolean) {
    setError(null);
    try {
      await turnPush(on);
    } catch (err) {
      setError(errorText(err, tn("couldNotChange")));
    }
  }

  async function changePreviews(on: boolean) {
    touched.current = true;
    setError(null);
    setPreviews(on);
    try {
      setPreviews(await setNotificationPreviews(on));
    } catch (err) {
      setPreviews(!on);
      setError(errorText(err, t("couldNotChange")));
    }
  }

  return (
    <section className="settings-section" aria-labelledby={headingId}>
      <h3 id={headingId} className="section-title">
        {t("notifications")}
      </h3>
      {push === "unsupported" ? (
        <p className="settings-note">{t("pushUnsupported")}</p>
      ) : (
        <label className="checkbox-row">
          <input
            type="checkbox"
            checked={push === "on"}
            disabled={push === null || push === "busy" || push === "denied"}
            aria-busy={push === "busy" || undefined}
            onChange={(e) => void changePush(e.target.checked)}
          />
          {t("pushOnThisDevice")}
        </label>
      )}
      {push === "denied" && <p className="settings-note">{tn("blocked")}</p>}
      <label className="checkbox-row">
        <input
          type="checkbox"
          checked={previews ?? true}
          disabled={previews === null}
          aria-describedby={previewsNoteId}
          onChange={(e) => void changePreviews(e.target.checked)}
        />
        {t("showPreviews")}
      </label>
      <p id={previewsNoteId} className="settings-note">
        {t("previewsNote")}
      </p>
      <p className="settings-note">{t("muteNote")}</p>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
    </section>
  );
}
