"use client";
import { useTranslations } from "next-intl";
import { useChat } from "@/app/_client/use-chat";

const NOBODY: Record<string, true> = {};

type T = ReturnType<typeof useTranslations<"typing">>;

export function typingText(t: T, names: readonly string[]): string {
  const [a = "", b = "", c = ""] = names;
  if (names.length === 0) return "";
  if (names.length === 1) return t("one", { a });
  if (names.length === 2) return t("two", { a, b });
  if (names.length === 3) return t("three", { a, b, c });
  return t("many");
}

/** "X is typing…" for the conversation's other members (a live region, kept while empty). */
export function TypingIndicator({ channelId }: { channelId: string }) {
  const t = useTranslations("typing");
  const typists = useChat((s) => s.typing[channelId] ?? NOBODY);
  const users = useChat((s) => s.users);
  const names = Object.keys(typists).map((id) => users[id]?.name ?? t("someone"));
  return (
    <p role="status" className="typing-indicator">
      {typingText(t, names)}
    </p>
  );
}
