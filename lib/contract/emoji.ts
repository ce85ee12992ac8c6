// One emoji, as reactions take it: shared by the reaction schema (server edge) and the picker's
// "other emoji" field, without zod, so that the browser bundle does not carry the schema library.
import { LIMITS } from "./limits";

// Built once: the `v` flag's \p{RGI_Emoji} is the Unicode list of emoji (ZWJ sequences, skin
// tones, flags, keycaps included). Through the constructor: the compile target predates `v`.
const rgiEmoji = new RegExp("^\\p{RGI_Emoji}$", "v");

/**
 * The emoji `s` is, or null when it is not exactly one. A text-presentation symbol (❤ without
 * U+FE0F, as some keyboards type it) is taken as its emoji form, so one reaction is not split in
 * two by how it was typed.
 */
export function asOneEmoji(s: string): string | null {
  if (s.length > LIMITS.emojiMaxChars) return null;
  if (rgiEmoji.test(s)) return s;
  if (!s.endsWith("\uFE0F") && rgiEmoji.test(`${s}\uFE0F`)) return `${s}\uFE0F`;
  return null;
}
