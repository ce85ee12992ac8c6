// "@Name" mentions of channel members in a message body. Names may contain spaces ("@Minji Kim"),
// so members' names are looked for rather than words parsed: an @ that does not follow a letter,
// the name in any letter case, then the end of the text or a character that cannot continue a name.
export interface MemberName {
  id: string;
  name: string;
}

const continuesName = /[\p{L}\p{N}_]/u;

export function findMentions(body: string, members: readonly MemberName[], senderId: string): string[] {
  if (!body.includes("@")) return [];
  const text = body.toLowerCase();
  const found = new Set<string>();
  for (const m of members) {
    if (m.id === senderId || !m.name) continue;
    const needle = `@${m.name.toLowerCase()}`;
    for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
      const before = at > 0 ? text[at - 1]! : " ";
      const next = text[at + needle.length];
      // "ann@ann.example" is an email address, not a mention.
      if (!continuesName.test(before) && (next === undefined || !continuesName.test(next))) {
        found.add(m.id);
        break;
      }
    }
  }
  return [...found];
}
