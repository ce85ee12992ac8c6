"use client";
import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { startConversation } from "@/app/_client/channels";
import type { User } from "@/lib/contract/models";
import { LIMITS } from "@/lib/contract/limits";
import { PeoplePicker } from "./people-picker";

export function NewMessageDialog() {
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
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
        New message
      </button>
      <dialog ref={dialog} className="dialog" aria-labelledby={titleId} onClose={() => setOpen(false)}>
        {/* Mounted only while open: every opening starts empty. */}
        {open && <NewMessageForm titleId={titleId} onDone={close} />}
      </dialog>
    </>
  );
}

function NewMessageForm({ titleId, onDone }: { titleId: string; onDone: () => void }) {
  const router = useRouter();
  const [people, setPeople] = useState<User[]>([]);
  const [groupName, setGroupName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const groupId = useId();

  async function start(e: React.FormEvent) {
    e.preventDefault();
    if (people.length === 0) {
      setError("Choose at least one person");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const id = await startConversation(people, groupName);
      onDone();
      router.push(`/c/${encodeURIComponent(id)}`);
    } catch (err) {
      setError(err instanceof Error ? err.message : "Could not start the conversation");
      setBusy(false);
    }
  }

  return (
    <form className="dialog-body" onSubmit={start}>
      <div className="dialog-head">
        <h2 id={titleId}>New message</h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={onDone}>
          ×
        </button>
      </div>
      <PeoplePicker chosen={people} onChange={setPeople} />
      <div className="field">
        <label htmlFor={groupId}>Group name</label>
        <input
          id={groupId}
          type="text"
          value={groupName}
          maxLength={LIMITS.nameMaxChars}
          onChange={(e) => setGroupName(e.target.value)}
          aria-describedby={`${groupId}-hint`}
          placeholder={people.length > 1 ? people.map((p) => p.name).join(", ") : ""}
        />
        <small id={`${groupId}-hint`}>Used when you choose more than one person.</small>
      </div>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="button subtle" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="button primary" disabled={busy || people.length === 0}>
          Start
        </button>
      </div>
    </form>
  );
}
