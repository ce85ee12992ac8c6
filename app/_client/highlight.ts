// Which parts of a found message to mark for a search query: each word of the query, anywhere
// inside words and in any letter case (Korean is matched inside words, as the server does).
// English words are also marked by a rough stem, since the server matches "meetings" to "meeting".
import type { TextPart } from "./mentions";

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Regex sources for one word: itself, and for an English word its rough stem with the rest of the word. */
function variants(word: string): string[] {
  const out = [escape(word)];
  if (/^[a-z]+$/i.test(word) && word.length > 4) {
    const stem = word.replace(/(ings|ing|edly|ed|es|s)$/i, "");
    if (stem.length >= 3 && stem !== word) out.push(`${escape(stem)}\\p{L}*`);
  }
  return out;
}

export function queryPattern(query: string): RegExp | null {
  const words = [...new Set(query.split(/\s+/).filter(Boolean))].sort((a, b) => b.length - a.length);
  return words.length ? new RegExp(words.flatMap(variants).join("|"), "giu") : null;
}

export function splitMatches(text: string, pattern: RegExp | null): TextPart[] {
  if (!pattern) return [{ text }];
  const parts: TextPart[] = [];
  let from = 0;
  for (const m of text.matchAll(pattern)) {
    if (m[0].length === 0) continue;
    if (m.index > from) parts.push({ text: text.slice(from, m.index) });
    parts.push({ text: m[0], match: true });
    from = m.index + m[0].length;
  }
  if (from < text.length) parts.push({ text: text.slice(from) });
  return parts;
}

/** Long bodies are cut to a stretch around the first match (with "…" where text was left out). */
export function excerpt(text: string, pattern: RegExp | null, max = 240): string {
  if (text.length <= max) return text;
  const first = pattern ? text.search(pattern) : -1;
  const start = first < 0 ? 0 : Math.max(0, first - 60);
  const end = Math.min(text.length, start + max);
  return `${start > 0 ? "…" : ""}${text.slice(start, end)}${end < text.length ? "…" : ""}`;
}
