// What text may be: the character rules shared by the schemas (every string field) and by the
// message body rule, on the server and in the client. Text is what it looks like: a name or a
// body that shows nothing is empty, and no string carries what Postgres refuses (NUL) or what
// UTF-8 cannot encode (a lone surrogate, which the driver would silently turn into U+FFFD).
// No Node imports: the browser bundle uses it.

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Postgres refuses U+0000 in text: a string holding it can never be stored or compared. */
export const hasNul = (s: string): boolean => s.includes("\u0000");

/** An unpaired UTF-16 surrogate: not a character, not encodable as UTF-8. */
export const hasLoneSurrogate = (s: string): boolean => LONE_SURROGATE.test(s);

/** C0 controls a message body may not hold: all but tab and line feed. */
const BODY_CONTROL = /[\u0000-\u0008\u000B-\u001F]/;
export const hasBodyControl = (s: string): boolean => BODY_CONTROL.test(s);

/**
 * Bidirectional controls (embeddings, overrides, isolates and the marks): they reorder what
 * surrounds them, so a name holding them can show as something it is not.
 */
const BIDI_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;
const CONTROL = /\p{Cc}/gu;

/**
 * Characters that show nothing on their own: format characters (zero-width spaces and joiners,
 * BOM, bidi controls: Cf), spaces and separators (Z*), controls (Cc), combining marks with
 * nothing to combine with (M), default-ignorable code points (Hangul fillers, variation
 * selectors, ...) and the blank Braille pattern.
 */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Cf}\p{Z}\p{Cc}\p{M}\u2800]/gu;

/** Nothing a reader would see: empty, whitespace, or only invisible characters. */
export const isBlank = (s: string): boolean => s.replace(INVISIBLE, "").length === 0;

/** A name as stored: NFC, without control characters or bidi controls, trimmed. */
export const cleanName = (s: string): string => s.normalize("NFC").replace(CONTROL, "").replace(BIDI_CONTROL, "").trim();

/** More than `max` Unicode code points (an emoji counts once, as a person counts it)? */
export function overCodePoints(s: string, max: number): boolean {
  // Each code point is one or two UTF-16 units: most strings need no counting at all.
  if (s.length <= max) return false;
  if (s.length > 2 * max) return true;
  let n = 0;
  for (const _ of s) if (++n > max) return true;
  return false;
}
