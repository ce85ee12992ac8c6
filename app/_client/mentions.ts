// Mentions in the UI: splitting a body into text and mentions, and the composer's autocomplete.
// The rule itself is shared with the server (lib/contract/mentions.ts).
import { continuesName, mentionAt, mentionsName } from "@/lib/contract/mentions";

export { mentionsName };

export interface TextPart {
  text: string;
  /** A mention (of whom) or a search match. */
  mention?: string;
  match?: boolean;
}

/**
 * Splits `body` into plain text and mentions of the given names (the longest name wins where
 * several fit, "@Ann Lee" over "@Ann"). Lengths are compared on the lower-cased text, which keeps
 * indices for the scripts names are written in.
 */
export function splitMentions(body: string, names: readonly { id: string; name: string }[]): TextPart[] {
  if (!body.includes("@") || names.length === 0) return [{ text: body }];
  const lower = body.toLowerCase();
  if (lower.length !== body.length) return [{ text: body }];
  const lowered = names.filter((n) => n.name).map((n) => ({ id: n.id, lower: n.name.toLowerCase() }));
  const parts: TextPart[] = [];
  let from = 0;
  for (let at = lower.indexOf("@"); at >= 0; at = lower.indexOf("@", at + 1)) {
    let best: { id: string; lower: string } | undefined;
    for (const n of lowered) if ((!best || n.lower.length > best.lower.length) && mentionAt(lower, at, n.lower)) best = n;
    if (!best) continue;
    const end = at + 1 + best.lower.length;
    if (at > from) parts.push({ text: body.slice(from, at) });
    parts.push({ text: body.slice(at, end), mention: best.id });
    from = end;
    at = end - 1;
  }
  if (from < body.length) parts.push({ text: body.slice(from) });
  return parts;
}

/**
 * The name being typed after an "@" just before the caret, or null. `start` is where the "@" is.
 * A name may hold spaces, so up to a few words are taken; a line break ends it.
 */
export function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf("@");
  if (at < 0) return null;
  if (at > 0 && continuesName.test(before[at - 1]!)) return null;
  const query = before.slice(at + 1);
  if (query.length > 60 || /[\n@]/.test(query) || query.split(" ").length > 4) return null;
  return { start: at, query };
}

/** Members whose name, or a word of it, starts with `query` (any case); whole-name matches first. */
export function matchMembers<T extends { id: string; name: string }>(people: readonly T[], query: string, max = 8): T[] {
  const q = query.toLowerCase();
  const starts: T[] = [];
  const words: T[] = [];
  for (const p of people) {
    const n = p.name.toLowerCase();
    if (n.startsWith(q)) starts.push(p);
    else if (q && !q.includes(" ") && n.split(/\s+/).some((w) => w.startsWith(q))) words.push(p);
  }
  const byName = (a: T, b: T) => a.name.localeCompare(b.name);
  return [...starts.sort(byName), ...words.sort(byName)].slice(0, max);
}
