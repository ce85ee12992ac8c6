// The rule for a message body, shared so the composer can say what the server would.
import { LIMITS } from "./limits";

export type BodyProblem = "empty" | "too_large" | null;

/** Counts Unicode code points, so an emoji is one character, as a person counts it. */
export function bodyProblem(body: string): BodyProblem {
  if (body.trim().length === 0) return "empty";
  let n = 0;
  for (const _ of body) if (++n > LIMITS.bodyMaxChars) return "too_large";
  return null;
}
