"use client";
// "Invite people": only when sign-up is by invitation (SIGNUP_MODE=invite, GET /api/config).
// Makes a single-use link (POST /api/invites) and shows it with a "Copy link" button.
import { useEffect, useId, useRef, useState } from "react";
import { ApiError, api } from "@/app/_client/api";
import { copyText } from "@/app/_client/copy-text";
import type { Invite } from "@/lib/contract/models";

export function InvitePeople() {
  const [byInvite, setByInvite] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const titleId = useId();

  useEffect(() => {
    let live = true;
    api("GET /api/config")
      .then((c) => live && setByInvite(c.signupMode === "invite"))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, []);

  if (!byInvite) return null;
  return (
    <div className="sidebar-invite">
      <button
        type="button"
        className="button subtle"
        onClick={() => {
          setOpen(true);
          dialog.current?.showModal();
        }}
      >
        Invite people
      </button>
      <dialog ref={dialog} className="dialog" aria-labelledby={titleId} onClose={() => setOpen(false)}>
        {/* Mounted only while open: every opening makes a new link. */}
        {open && <InviteLink titleId={titleId} onDone={() => dialog.current?.close()} />}
      </dialog>
    </div>
  );
}

function InviteLink({ titleId, onDone }: { titleId: string; onDone: () => void }) {
  const [invite, setInvite] = useState<Invite | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const linkId = useId();

  useEffect(() => {
    let live = true;
    api("POST /api/invites", { body: {} })
      .then(({ invite }) => live && setInvite(invite))
      .catch((err: unknown) => live && setError(err instanceof ApiError ? err.message : "Could not make a link"));
    return () => {
      live = false;
    };
  }, []);

  // The page's own origin: the address people actually reach this app at.
  const url = invite ? `${window.location.origin}/signup?invite=${encodeURIComponent(invite.code)}` : "";

  return (
    <div className="dialog-body">
      <div className="dialog-head">
        <h2 id={titleId}>Invite people</h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={onDone}>
          ×
        </button>
      </div>
      <div className="field">
        <label htmlFor={linkId}>Invite link</label>
        <input id={linkId} type="text" readOnly value={url} placeholder="Making a link…" onFocus={(e) => e.currentTarget.select()} aria-describedby={`${linkId}-hint`} />
        {invite && (
          <small id={`${linkId}-hint`}>
            Anyone with this link can create one account, until {new Date(invite.expiresAt).toLocaleDateString()}.
          </small>
        )}
      </div>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <span role="status" className="copy-status">
          {copied ? "Link copied" : ""}
        </span>
        <button type="button" className="button subtle" onClick={onDone}>
          Done
        </button>
        <button type="button" className="button primary" disabled={!invite} onClick={() => void copyText(url).then(setCopied)}>
          Copy link
        </button>
      </div>
    </div>
  );
}
