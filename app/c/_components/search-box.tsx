"use client";
import { useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { closePanel, searchMessages } from "@/app/_client/search";
import { chatStore } from "@/app/_client/store";
import { useChat } from "@/app/_client/use-chat";

/** Waits this long after the last key before searching as one types. */
const DEBOUNCE_MS = 350;

/** "Search messages": results appear in the side panel as one types (Enter searches at once). */
export function SearchBox() {
  const t = useTranslations("sidebar");
  const [q, setQ] = useState("");
  const searching = useChat((s) => s.panel?.kind === "search");
  const typed = useRef(false);

  // The panel was closed: the box empties with it.
  useEffect(() => {
    if (!searching && !typed.current) setQ("");
  }, [searching]);

  useEffect(() => {
    if (!typed.current) return;
    const t = setTimeout(() => {
      typed.current = false;
      void searchMessages(q, scope());
    }, DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [q]);

  return (
    <form
      role="search"
      className="search-box"
      onSubmit={(e) => {
        e.preventDefault();
        typed.current = false;
        void searchMessages(q, scope());
      }}
    >
      <svg aria-hidden="true" viewBox="0 0 20 20" width="16" height="16" className="search-icon">
        <circle cx="8.5" cy="8.5" r="5.5" fill="none" stroke="currentColor" strokeWidth="1.8" />
        <path d="m13 13 4 4" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
      </svg>
      <input
        type="search"
        aria-label={t("searchMessages")}
        placeholder={t("search")}
        value={q}
        enterKeyHint="search"
        onChange={(e) => {
          typed.current = true;
          setQ(e.target.value);
        }}
        onKeyDown={(e) => {
          // An IME (Korean, ...) still composing: its Enter confirms the syllable; no search yet.
          if (e.key === "Enter" && (e.nativeEvent.isComposing || e.keyCode === 229)) {
            e.preventDefault();
            return;
          }
          if (e.key === "Escape" && q) {
            typed.current = false;
            setQ("");
            closePanel();
          }
        }}
      />
    </form>
  );
}

/** A search keeps the scope ("this conversation only") its panel was set to. */
function scope(): string | null {
  const p = chatStore.getState().panel;
  return p?.kind === "search" ? p.channelId : null;
}
