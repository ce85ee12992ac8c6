// The rule for "@Name" mentions, shared by the server (which stores them) and the client (which
// highlights them): an @ that does not follow a letter or digit, a member's name in any letter
// case, then the end of the text or a character that cannot continue a name. Names may contain
// spaces ("@Minji Kim"); "ann@ann.example" is an email address, not a mention.
import type { MemberName } from "./models";

/** A character that can continue a name (so an @ after it is not a mention). */
export const continuesName = /[\p{L}\p{N}_]/u;

/** Whether the @ at index `at` of the lower-cased text starts a mention of `nameLower`. */
export function mentionAt(lower: string, at: number, nameLower: string): boolean {
  if (!nameLower || !lower.startsWith(nameLower, at + 1)) return false;
  const before = at > 0 ? lower[at - 1]! : " ";
  const next = lower[at + 1 + nameLower.length];
  return !continuesName.test(before) && (next === undefined || !continuesName.test(next));
}

/** Whether `body` mentions the person named `name`. */
export function mentionsName(body: string, name: string): boolean {
  if (!name || !body.includes("@")) return false;
  const lower = body.toLowerCase();
  const needle = name.toLowerCase();
  for (let at = lower.indexOf("@"); at >= 0; at = lower.indexOf("@", at + 1)) {
    if (mentionAt(lower, at, needle)) return true;
  }
  return false;
}

/** The ids of the members `body` mentions, the sender left out. */
export function findMentions(body: string, members: readonly MemberName[], senderId: string): string[] {
  if (!body.includes("@")) return [];
  return members.filter((m) => m.id !== senderId && mentionsName(body, m.name)).map((m) => m.id);
}
