// The emoji a user reacted with lately, newest first, kept in this browser (localStorage): the
// reaction picker offers them first.

const KEY = "chat-recent-emoji";
export const RECENT_MAX = 16;

/** The list after using `emoji`: it moves to the front, the oldest fall off past `max`. */
export function withRecent(list: readonly string[], emoji: string, max = RECENT_MAX): string[] {
  return [emoji, ...list.filter((e) => e !== emoji)].slice(0, max);
}

export function loadRecentEmoji(): string[] {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(KEY) ?? "[]");
    return Array.isArray(raw) ? raw.filter((e): e is string => typeof e === "string" && e.length <= 32).slice(0, RECENT_MAX) : [];
  } catch {
    return [];
  }
}

export function noteRecentEmoji(emoji: string): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(withRecent(loadRecentEmoji(), emoji)));
  } catch {
    // Storage full or disabled: the picker just has no recent row.
  }
}

/** The picker's own set, common reactions first. */
export const COMMON_EMOJI = [
  "👍", "❤️", "😂", "🎉", "😮", "😢", "🙏", "👀",
  "🔥", "✅", "👏", "💯", "😊", "😍", "🤔", "😅",
  "🙌", "👌", "😎", "🥳", "😭", "😡", "🤝", "💪",
  "👋", "🚀", "⭐", "💡", "❓", "❗", "☕", "🍕",
] as const;
