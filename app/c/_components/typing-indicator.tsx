"use client";
import { useChat } from "@/app/_client/use-chat";

const NOBODY: Record<string, true> = {};

export function typingText(names: readonly string[]): string {
  const [a, b, c] = names;
  if (names.length === 0) return "";
  if (names.length === 1) return `${a} is typing…`;
  if (names.length === 2) return `${a} and ${b} are typing…`;
  if (names.length === 3) return `${a}, ${b} and ${c} are typing…`;
  return "Several people are typing…";
}

/** "X is typing…" for the conversation's other members (a live region, kept while empty). */
export function TypingIndicator({ channelId }: { channelId: string }) {
  const typists = useChat((s) => s.typing[channelId] ?? NOBODY);
  const users = useChat((s) => s.users);
  const names = Object.keys(typists).map((id) => users[id]?.name ?? "Someone");
  return (
    <p role="status" className="typing-indicator">
      {typingText(names)}
    </p>
  );
}
