"use client";
import { useId, useState } from "react";
import { useTranslations } from "next-intl";
import { LIMITS } from "@/lib/contract/limits";

/** "Group name" and "Save" (owners and admins). */
export function RenameGroupForm({ current, onSave }: { current: string; onSave: (name: string) => Promise<boolean> }) {
  const t = useTranslations("group");
  const tc = useTranslations("common");
  const [name, setName] = useState(current);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const unchanged = name.trim() === current || name.trim() === "";
  return (
    <form
      className="rename-form"
      onSubmit={async (e) => {
        e.preventDefault();
        if (unchanged) return;
        setBusy(true);
        await onSave(name.trim());
        setBusy(false);
      }}
    >
      <div className="field">
        <label htmlFor={id}>{t("groupName")}</label>
        <div className="inline-field">
          <input id={id} type="text" value={name} maxLength={LIMITS.nameMaxChars} onChange={(e) => setName(e.target.value)} />
          <button type="submit" className="button subtle" disabled={busy || unchanged}>
            {tc("save")}
          </button>
        </div>
      </div>
    </form>
  );
}
