"use client";
import { useEffect, useId, useMemo, useState } from "react";
import { useTranslations } from "next-intl";
import { startConversation } from "@/app/_client/channels";
import { ensureUsers, searchPeople } from "@/app/_client/people";
import { chatStore, type ChannelEntry } from "@/app/_client/store";
import { switcherChoices, type SwitcherChoice } from "@/app/_client/switcher-choices";
import { useChat } from "@/app/_client/use-chat";
import { useErrorText } from "@/app/_client/use-error-text";
import type { User } from "@/lib/contract/models";
import { Avatar } from "./avatar";

/** Members' names are fetched for groups up to this size, so that a member's name finds them. */
const MEMBER_NAMES_UP_TO = 100;
const PEOPLE_DEBOUNCE_MS = 150;

function choiceKey(c: SwitcherChoice): string {
  return c.kind === "channel" ? `c-${c.channel.id}` : `p-${c.user.id}`;
}

/** The dialog's content: a combobox over conversations and people (the ARIA combobox pattern). */
export function SwitcherForm({ titleId, onChoose, onCancel }: { titleId: string; onChoose: (channelId: string) => void; onCancel: () => void }) {
  const t = useTranslations("switcher");
  const tc = useTranslations("common");
  const tg = useTranslations("conversation");
  const errorText = useErrorText();
  const meId = useChat((s) => s.me?.id);
  const channels = useChat((s) => s.channels);
  const users = useChat((s) => s.users);
  const [query, setQuery] = useState("");
  const [found, setFound] = useState<{ query: string; users: User[] }>({ query: "", users: [] });
  const [active, setActive] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const listId = `${id}-list`;

  useEffect(() => {
    const ids: string[] = [];
    for (const c of Object.values(chatStore.getState().channels)) {
      if (c.kind === "direct" || c.memberIds.length <= MEMBER_NAMES_UP_TO) ids.push(...c.memberIds);
    }
    // Once per opening: the names of conversations that arrive meanwhile come with the list.
    ensureUsers(ids);
  }, []);

  useEffect(() => {
    const q = query.trim();
    if (!q) return;
    let live = true;
    const timer = setTimeout(() => {
      searchPeople(q)
        .then((list) => live && setFound({ query: q, users: list }))
        .catch(() => live && setFound({ query: q, users: [] }));
    }, PEOPLE_DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query]);

  const choices = useMemo(() => {
    const nameOf = (c: ChannelEntry) => {
      if (c.kind === "group") return c.name ?? tg("group");
      const other = c.memberIds.find((m) => m !== meId) ?? meId;
      return (other && users[other]?.name) || "…";
    };
    // People found for an earlier query are not offered for this one.
    const people = found.query === query.trim() ? found.users : [];
    return switcherChoices({ query, meId, channels: Object.values(channels), users, nameOf, found: people });
  }, [query, meId, channels, users, found, tg]);

  const current = choices.length ? Math.min(active, choices.length - 1) : -1;
  const activeChoice = current >= 0 ? choices[current] : undefined;
  const optionId = (c: SwitcherChoice) => `${id}-${choiceKey(c)}`;
  const activeId = activeChoice ? optionId(activeChoice) : undefined;

  useEffect(() => {
    if (activeId) document.getElementById(activeId)?.scrollIntoView({ block: "nearest" });
  }, [activeId]);

  async function choose(c: SwitcherChoice) {
    if (busy) return;
    if (c.kind === "channel") {
      onChoose(c.channel.id);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      // Their direct conversation: the existing one, or a new one.
      onChoose(await startConversation([c.user], ""));
    } catch (err) {
      setError(errorText(err, t("couldNotOpen")));
      setBusy(false);
    }
  }

  function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>) {
    // keyCode 229: an input method (Korean, ...) is composing; its keys are its own.
    if (e.nativeEvent.isComposing || e.keyCode === 229) return;
    const n = choices.length;
    if (e.key === "ArrowDown" && n) {
      e.preventDefault();
      setActive((current + 1) % n);
    } else if (e.key === "ArrowUp" && n) {
      e.preventDefault();
      setActive((current - 1 + n) % n);
    } else if (e.key === "Home" && n && e.ctrlKey) {
      e.preventDefault();
      setActive(0);
    } else if (e.key === "End" && n && e.ctrlKey) {
      e.preventDefault();
      setActive(n - 1);
    } else if (e.key === "Enter") {
      e.preventDefault();
      if (activeChoice) void choose(activeChoice);
    }
  }

  const conversations = choices.filter((c) => c.kind === "channel");
  const people = choices.filter((c) => c.kind === "person");
  const blank = query.trim() === "";

  function option(c: SwitcherChoice) {
    const index = choices.indexOf(c);
    return (
      <div
        key={choiceKey(c)}
        id={optionId(c)}
        role="option"
        aria-selected={index === current}
        className="option switcher-option"
        // Keep the focus in the input: a click must not blur it before it chooses.
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => void choose(c)}
        onMouseMove={() => index !== current && setActive(index)}
      >
        {c.kind === "channel" ? <ChannelChoice choice={c} meId={meId} /> : <PersonChoice user={c.user} />}
      </div>
    );
  }

  return (
    <div className="dialog-body switcher-body">
      <div className="dialog-head">
        <h2 id={titleId}>{t("title")}</h2>
        <button type="button" className="icon-button" aria-label={tc("close")} onClick={onCancel}>
          ×
        </button>
      </div>
      <div className="field">
        <label htmlFor={`${id}-input`} className="sr-only">
          {t("input")}
        </label>
        <input
          id={`${id}-input`}
          type="text"
          role="combobox"
          aria-expanded={choices.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={activeId}
          aria-describedby={`${id}-hint`}
          autoComplete="off"
          spellCheck={false}
          placeholder={t("placeholder")}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
          autoFocus
          readOnly={busy}
        />
        <small id={`${id}-hint`} className="switcher-hint">
          {t("hint")}
        </small>
      </div>
      <div id={listId} role="listbox" aria-label={t("results")} className="switcher-list">
        {conversations.length > 0 && (
          <div role="group" aria-label={blank ? t("recent") : t("conversations")}>
            <div className="switcher-group-label" aria-hidden="true">
              {blank ? t("recent") : t("conversations")}
            </div>
            {conversations.map(option)}
          </div>
        )}
        {people.length > 0 && (
          <div role="group" aria-label={t("people")}>
            <div className="switcher-group-label" aria-hidden="true">
              {t("people")}
            </div>
            {people.map(option)}
          </div>
        )}
      </div>
      {choices.length === 0 && <p className="picker-empty">{blank ? t("nothingYet") : t("noMatch", { query: query.trim() })}</p>}
      {/* What the list now holds, said once the user has typed (the list itself is not a live region). */}
      <p className="sr-only" role="status">
        {blank ? "" : t("count", { count: choices.length })}
      </p>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
    </div>
  );
}

function ChannelChoice({ choice, meId }: { choice: SwitcherChoice & { kind: "channel" }; meId: string | undefined }) {
  const t = useTranslations("switcher");
  const ts = useTranslations("sidebar");
  const { channel, name, via } = choice;
  const other = channel.kind === "direct" ? (channel.memberIds.find((m) => m !== meId) ?? meId) : undefined;
  const unread = channel.unread;
  return (
    <>
      <Avatar id={other ?? channel.id} name={name} size="small" />
      <span className="switcher-name">{name}</span>
      {via && <span className="switcher-detail">{t("with", { name: via })}</span>}
      {unread > 0 && (
        <>
          <span className="sr-only">{ts("unread", { count: unread })}</span>
          <span className="badge" aria-hidden="true">
            {unread > 99 ? "99+" : unread}
          </span>
        </>
      )}
    </>
  );
}

function PersonChoice({ user }: { user: User }) {
  const t = useTranslations("switcher");
  return (
    <>
      <Avatar id={user.id} name={user.name} size="small" />
      <span className="switcher-name">{user.name}</span>
      <span className="switcher-detail">{t("startConversation")}</span>
    </>
  );
}
