// Finding a conversation or a person by what the user types: case-insensitive, anywhere in the
// name, and for Korean names by their initial consonants too (초성 search: "ㄱㅁ" finds "김민"),
// as Korean users type to find contacts on their phones.

const SYLLABLE_FIRST = 0xac00; // 가
const SYLLABLE_LAST = 0xd7a3; // 힣
/** Syllables per initial consonant (21 vowels × 28 finals). */
const PER_INITIAL = 588;
const FINALS = 28;
/** The 19 initial consonants, as the compatibility jamo a keyboard types (ㄱ U+3131 ...). */
const INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ";

function syllableIndex(ch: string): number | null {
  const code = ch.codePointAt(0)!;
  return code >= SYLLABLE_FIRST && code <= SYLLABLE_LAST ? code - SYLLABLE_FIRST : null;
}

/** The initial consonant of a Hangul syllable as a keyboard jamo ("김" → "ㄱ"), else null. */
export function initialOf(ch: string): string | null {
  const i = syllableIndex(ch);
  return i === null ? null : INITIALS[Math.floor(i / PER_INITIAL)]!;
}

function fold(s: string): string[] {
  return [...s.normalize("NFC").toLocaleLowerCase()];
}

/**
 * Whether one typed character stands for one character of the name. `last`: it is the query's
 * last character, which an input method may still be composing ("미" on its way to "민"): a
 * syllable without a final consonant then also stands for the same syllable with any final.
 */
function charMatches(q: string, n: string, last: boolean): boolean {
  if (q === n) return true;
  if (INITIALS.includes(q)) return initialOf(n) === q;
  if (!last) return false;
  const qi = syllableIndex(q);
  const ni = syllableIndex(n);
  return qi !== null && ni !== null && qi % FINALS === 0 && ni - (ni % FINALS) === qi;
}

/**
 * Where `query` occurs in `name` (the index, in characters, of its first occurrence), or null.
 * Case-insensitive; each initial consonant typed (ㄱ...ㅎ) also matches any syllable starting with
 * it. An empty (or blank) query matches at 0.
 */
export function matchName(name: string, query: string): number | null {
  const q = fold(query.trim());
  if (q.length === 0) return 0;
  const n = fold(name);
  for (let start = 0; start + q.length <= n.length; start++) {
    let ok = true;
    for (let k = 0; k < q.length && ok; k++) ok = charMatches(q[k]!, n[start + k]!, k === q.length - 1);
    if (ok) return start;
  }
  return null;
}

/**
 * How well `name` answers `query`, lower is better: 0 the name starts with it, 1 a word of it
 * does, 2 it is inside a word; null when it does not match.
 */
export function matchRank(name: string, query: string): 0 | 1 | 2 | null {
  const at = matchName(name, query);
  if (at === null) return null;
  if (at === 0) return 0;
  const before = fold(name)[at - 1] ?? "";
  return /[\s\p{P}]/u.test(before) ? 1 : 2;
}
