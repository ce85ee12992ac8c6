"use client";
import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { useErrorText } from "@/app/_client/use-error-text";
import { startConversation } from "@/app/_client/channels";
import type { User } from "@/lib/contract/models";
import { LIMITS } from "@/lib/contract/limits";
import { PeoplePicker } from "./people-picker";

export function NewMessageDialog() {
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const t = useTranslations("sidebar");
  const titleId = useId();

  function show() {
    setOpen(true);
    dialog.current?.showModal();
  }
  function close() {
    dialog.current?.close();
  }

  return (
    <>
      <button type="button" className="button primary" onClick={show}>
        {t("newMessage")}
      </button>
      <dialog ref={dialog} className="dialog" aria-labelledby={titleId} onClose={() => setOpen(false)}>
        {/* Mounted only while open: every opening starts empty. */}
        {open && <NewMessageForm titleId={titleId} onDone={close} />}
      </dialog>
    </>
  );
}

function NewMessageForm({ titleId, onDone }: { titleId: string; onDone: () => void }) {
  const t = useTranslations("newMessage");
  const tc = useTranslations("common");
  const errorText = useErrorText();
  const router = useRouter();
  const [people, setPeople] = useState<User[]>([]);
  const [groupName, setGroupName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const groupId = useId();

  async function start(e: React.FormEvent) {
    e.preventDefault();
    if (people.length === 0) {
      setError(t("chooseSomeone"));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const id = await startConversation(people, groupName);
      onDone();
      router.push(`/c/${encodeURIComponent(id)}`);
    } catch (err) {
      setError(errorText(err, t("couldNotStart")));
      setBusy(false);
    }
  }

  return (
    <form className="dialog-body" onSubmit={start}>
      <div className="dialog-head">
        <h2 id={titleId}>{t("title")}</h2>
        <button type="button" className="icon-button" aria-label={tc("close")} onClick={onDone}>
          ×
        </button>
      </div>
      <PeoplePicker chosen={people} onChange={setPeople} />
      <div className="field">
        <label htmlFor={groupId}>{t("groupName")}</label>
        <input
          id={groupId}
          type="text"
          value={groupName}
          maxLength={LIMITS.nameMaxChars}
          onChange={(e) => setGroupName(e.target.value)}
          aria-describedby={`${groupId}-hint`}
          placeholder={people.length > 1 ? people.map((p) => p.name).join(", ") : ""}
        />
        <small id={`${groupId}-hint`}>{t("groupNameHint")}</small>
      </div>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="button subtle" onClick={onDone}>
          {tc("cancel")}
        </button>
        <button type="submit" className="button primary" disabled={busy || people.length === 0}>
          {t("start")}
        </button>
      </div>
    </form>
  );
}
