"use client";
import { useEffect, useId, useState } from "react";
import { useTranslations } from "next-intl";
import { searchPeople } from "@/app/_client/people";
import { useChat } from "@/app/_client/use-chat";
import type { User } from "@/lib/contract/models";

/** A combobox "People": typing part of a name lists matches; each choice becomes a chip. */
interface Props {
  chosen: User[];
  onChange: (people: User[]) => void;
  /** People not to offer (e.g. those already in the group). */
  exclude?: ReadonlySet<string>;
  autoFocus?: boolean;
}

export function PeoplePicker({ chosen, onChange, exclude, autoFocus = true }: Props) {
  const t = useTranslations("newMessage");
  const meId = useChat((s) => s.me?.id);
  const [query, setQuery] = useState("");
  const [results, setResults] = useState<User[] | null>(null);
  const [active, setActive] = useState(0);
  const [focused, setFocused] = useState(false);
  const id = useId();
  const listId = `${id}-list`;

  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setResults(null);
      return;
    }
    let live = true;
    const t = setTimeout(() => {
      searchPeople(q)
        .then((users) => {
          if (!live) return;
          setResults(users);
          setActive(0);
        })
        .catch(() => live && setResults([]));
    }, 150);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [query]);

  const options = (results ?? []).filter((u) => u.id !== meId && !exclude?.has(u.id) && !chosen.some((c) => c.id === u.id));
  const expanded = focused && query.trim() !== "" && options.length > 0;

  function choose(u: User) {
    onChange([...chosen, u]);
    setQuery("");
    setResults(null);
  }

  function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>) {
    // keyCode 229: an IME (Korean, ...) is composing; its Enter confirms the syllable, not a choice.
    if (e.nativeEvent.isComposing || e.keyCode === 229) return;
    if (e.key === "ArrowDown" && options.length) {
      e.preventDefault();
      setActive((a) => (a + 1) % options.length);
    } else if (e.key === "ArrowUp" && options.length) {
      e.preventDefault();
      setActive((a) => (a - 1 + options.length) % options.length);
    } else if (e.key === "Enter" && expanded) {
      e.preventDefault();
      const u = options[Math.min(active, options.length - 1)];
      if (u) choose(u);
    } else if (e.key === "Escape" && expanded) {
      // Close the list, not the dialog.
      e.preventDefault();
      setQuery("");
    } else if (e.key === "Backspace" && query === "" && chosen.length) {
      onChange(chosen.slice(0, -1));
    }
  }

  const activeOption = expanded ? options[Math.min(active, options.length - 1)] : undefined;

  return (
    <div className="field people-picker">
      <label htmlFor={`${id}-input`}>{t("people")}</label>
      {chosen.length > 0 && (
        <ul className="chips" aria-label={t("chosen")}>
          {chosen.map((u) => (
            <li key={u.id} className="chip">
              {u.name}
              <button type="button" aria-label={t("remove", { name: u.name })} onClick={() => onChange(chosen.filter((c) => c.id !== u.id))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="combo">
        <input
          id={`${id}-input`}
          type="text"
          role="combobox"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={activeOption ? `${id}-opt-${activeOption.id}` : undefined}
          autoComplete="off"
          placeholder={t("typeName")}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onKeyDown}
          onFocus={() => setFocused(true)}
          onBlur={() => setFocused(false)}
          autoFocus={autoFocus}
        />
        <ul id={listId} role="listbox" aria-label={t("people")} className="listbox" hidden={!expanded}>
          {expanded &&
            options.map((u, i) => (
              <li
                key={u.id}
                id={`${id}-opt-${u.id}`}
                role="option"
                aria-selected={i === active}
                className="option"
                // Keep focus in the input: a click must not blur it before it chooses.
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => choose(u)}
                onMouseEnter={() => setActive(i)}
              >
                {u.name}
              </li>
            ))}
        </ul>
      </div>
      {focused && query.trim() !== "" && results !== null && options.length === 0 && (
        <p className="picker-empty">{t("noOne")}</p>
      )}
    </div>
  );
}
