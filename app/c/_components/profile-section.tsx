"use client";
import { type ChangeEvent, type FormEvent, useId, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { ApiError } from "@/app/_client/api";
import { changeName, removeAvatar, uploadAvatar } from "@/app/_client/profile";
import { useChat } from "@/app/_client/use-chat";
import { useErrorText } from "@/app/_client/use-error-text";
import { LIMITS } from "@/lib/contract/limits";
import { Avatar } from "./avatar";

const MAX_MB = LIMITS.avatarMaxBytes / 1024 / 1024;
const IMAGE_TYPES = "image/jpeg,image/png,image/gif,image/webp";

/**
 * Settings › Profile: the picture others see beside the user's messages (or their initials) and
 * the display name. Co-members see a change at once (`user:update`).
 */
export function ProfileSection() {
  const t = useTranslations("settings");
  const locale = useLocale();
  const errorText = useErrorText();
  const id = useId();
  const me = useChat((s) => s.me);
  const hasPicture = useChat((s) => (s.me ? !!s.users[s.me.id]?.avatarUrl : false));
  const [name, setName] = useState(me?.name ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState("");

  async function run(change: () => Promise<string>, fallback: string, explain?: (err: unknown) => string | null) {
    setBusy(true);
    setError(null);
    setStatus("");
    try {
      setStatus(await change());
    } catch (err) {
      setError(explain?.(err) ?? errorText(err, fallback));
    } finally {
      setBusy(false);
    }
  }

  function saveName(e: FormEvent) {
    e.preventDefault();
    const wanted = name.trim();
    if (!wanted) return setError(t("nameEmpty"));
    if (wanted.length > LIMITS.nameMaxChars) return setError(t("nameTooLong", { max: LIMITS.nameMaxChars }));
    void run(
      async () => {
        setName((await changeName(wanted)).name);
        return t("nameSaved");
      },
      t("couldNotSaveName"),
    );
  }

  // The server's English reason is the most precise; other languages get the rules in their words.
  const pictureError = (err: unknown) => {
    if (!(err instanceof ApiError)) return null;
    if (err.status === 413) return t("pictureTooLarge", { max: MAX_MB });
    if (err.status === 400 && locale !== "en") return t("pictureRefused", { min: LIMITS.avatarMinPx, maxPx: LIMITS.avatarMaxPx });
    return null;
  };

  function pick(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    // The same file may be chosen again after a refusal.
    e.target.value = "";
    if (!file) return;
    void run(
      async () => {
        await uploadAvatar(file, file.name);
        return t("pictureSaved");
      },
      t("couldNotChangePicture"),
      pictureError,
    );
  }

  function remove() {
    void run(
      async () => {
        await removeAvatar();
        return t("pictureRemoved");
      },
      t("couldNotChangePicture"),
    );
  }

  return (
    <section className="settings-section" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`} className="section-title">
        {t("profile")}
      </h3>
      <div className="profile-picture">
        {me && <Avatar id={me.id} name={me.name} size="large" />}
        <div className="profile-picture-actions">
          <div className="profile-picture-buttons">
            <label className={`button small subtle file-button${busy ? " disabled" : ""}`}>
              {t("choosePicture")}
              <input type="file" className="sr-only" accept={IMAGE_TYPES} disabled={busy} aria-describedby={`${id}-hint`} onChange={pick} />
            </label>
            {hasPicture && (
              <button type="button" className="button small danger-subtle" disabled={busy} onClick={remove}>
                {t("removePicture")}
              </button>
            )}
          </div>
          <p id={`${id}-hint`} className="settings-note">
            {t("pictureHint", { max: MAX_MB, min: LIMITS.avatarMinPx })}
          </p>
        </div>
      </div>
      <form className="profile-name" onSubmit={saveName} noValidate>
        <div className="field">
          <label htmlFor={`${id}-name`}>{t("displayName")}</label>
          <div className="inline-field">
            <input id={`${id}-name`} type="text" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} />
            <button type="submit" className="button subtle" disabled={busy}>
              {t("saveName")}
            </button>
          </div>
        </div>
      </form>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <p role="status" className="settings-note">
        {status}
      </p>
    </section>
  );
}
