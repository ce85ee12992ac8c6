"use client";
import { useTranslations } from "next-intl";
import { closePanel, showMentions } from "@/app/_client/search";
import { useChat } from "@/app/_client/use-chat";

/** Opens (or closes) the list of messages that mention the user. */
export function MentionsButton() {
  const t = useTranslations("sidebar");
  const open = useChat((s) => s.panel?.kind === "mentions");
  return (
    <button
      type="button"
      className="button subtle mentions-button"
      aria-pressed={open}
      onClick={() => (open ? closePanel() : void showMentions())}
    >
      <span aria-hidden="true">@</span> {t("mentions")}
    </button>
  );
}
