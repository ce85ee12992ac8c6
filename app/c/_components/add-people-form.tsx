"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import type { User } from "@/lib/contract/models";
import { PeoplePicker } from "./people-picker";

/** "Add people" to a group: the People combobox, then "Add". */
export function AddPeopleForm({ exclude, onAdd }: { exclude: ReadonlySet<string>; onAdd: (userIds: string[]) => Promise<boolean> }) {
  const t = useTranslations("group");
  const [people, setPeople] = useState<User[]>([]);
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="add-people"
      aria-label={t("addPeople")}
      onSubmit={async (e) => {
        e.preventDefault();
        if (people.length === 0) return;
        setBusy(true);
        if (await onAdd(people.map((p) => p.id))) setPeople([]);
        setBusy(false);
      }}
    >
      <h3 className="section-title">{t("addPeople")}</h3>
      <PeoplePicker chosen={people} onChange={setPeople} exclude={exclude} autoFocus={false} />
      <div className="dialog-actions">
        <button type="submit" className="button primary" disabled={busy || people.length === 0}>
          {t("add")}
        </button>
      </div>
    </form>
  );
}
