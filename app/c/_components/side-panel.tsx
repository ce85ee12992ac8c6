"use client";
import { useEffect, useMemo } from "react";
import { useTranslations } from "next-intl";
import { queryPattern } from "@/app/_client/highlight";
import { closePanel, searchMessages } from "@/app/_client/search";
import { useChat } from "@/app/_client/use-chat";
import { FoundItem } from "./found-item";

/** Search results or mentions, next to the conversation (over it on a phone). */
export function SidePanel({ openChannelId }: { openChannelId: string | undefined }) {
  const t = useTranslations("panel");
  const tc = useTranslations("common");
  const panel = useChat((s) => s.panel);
  const me = useChat((s) => s.me);
  const pattern = useMemo(() => (panel?.kind === "search" ? queryPattern(panel.query) : null), [panel]);
  const scopedQuery = panel?.kind === "search" && panel.channelId !== null ? panel.query : null;
  const scopedTo = panel?.kind === "search" ? panel.channelId : null;

  // "This conversation only" follows the conversation: another one opened, it is searched instead.
  useEffect(() => {
    if (scopedQuery !== null && openChannelId && openChannelId !== scopedTo) void searchMessages(scopedQuery, openChannelId);
  }, [openChannelId, scopedQuery, scopedTo]);

  if (!panel) return null;
  const title = panel.kind === "search" ? t("searchResults") : t("mentions");
  const results = panel.results;
  return (
    <section className="side-panel" aria-labelledby="side-panel-title">
      <div className="panel-head">
        <h2 id="side-panel-title">{title}</h2>
        <button type="button" className="icon-button" aria-label={panel.kind === "search" ? t("closeSearch") : t("closeMentions")} onClick={closePanel}>
          ×
        </button>
      </div>
      {panel.kind === "search" && (openChannelId || panel.channelId) && (
        <label className="panel-filter">
          <input
            type="checkbox"
            checked={panel.channelId !== null}
            onChange={(e) => void searchMessages(panel.query, e.target.checked ? (openChannelId ?? panel.channelId) : null)}
          />
          {t("thisConversation")}
        </label>
      )}
      <p className="sr-only" aria-live="polite">
        {results && !panel.loading ? panel.kind === "search" ? t("resultCount", { count: results.length }) : t("mentionCount", { count: results.length }) : ""}
      </p>
      <div className="panel-body">
        {panel.error ? (
          <p role="alert" className="form-error">
            {panel.error}
          </p>
        ) : results === null ? (
          <p className="panel-note">{panel.loading ? tc("loading") : ""}</p>
        ) : results.length === 0 ? (
          <p className="panel-note">
            {panel.kind === "search" ? t("noResults", { query: panel.query }) : t("noMentions")}
          </p>
        ) : (
          <>
            <ul className="found-list" aria-busy={panel.loading}>
              {results.map((r) => (
                <FoundItem
                  key={`${r.message.channelId}:${r.message.seq}`}
                  found={r}
                  pattern={pattern}
                  mentionOf={panel.kind === "mentions" && me ? me : null}
                />
              ))}
            </ul>
          </>
        )}
      </div>
    </section>
  );
}
