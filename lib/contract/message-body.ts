// The rule for a message body, shared so the composer can say what the server would.
import { LIMITS } from "./limits";
import { hasBodyControl, hasLoneSurrogate, isBlank, overCodePoints } from "./text-rules";

/** `invalid`: a control character (other than tab and line feed) or a lone surrogate. */
export type BodyProblem = "empty" | "too_large" | "invalid" | null;

/**
 * Counts Unicode code points, so an emoji is one character, as a person counts it. A body that
 * shows nothing (whitespace, zero-width or bidi characters, combining marks alone) is empty; its
 * text is otherwise kept as sent (emoji joined with ZWJ stay whole).
 */
export function bodyProblem(body: string): BodyProblem {
  if (overCodePoints(body, LIMITS.bodyMaxChars)) return "too_large";
  if (hasBodyControl(body) || hasLoneSurrogate(body)) return "invalid";
  if (isBlank(body)) return "empty";
  return null;
}
