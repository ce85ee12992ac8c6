// The one place where untrusted input becomes typed input: every transport edge (HTTP route,
// socket event) parses with the contract's schema here, so domain functions take typed values
// and never see `unknown`.
import type { z } from "zod";
import { AppError } from "./errors";

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw AppError.fromZod(parsed.error);
  return parsed.data;
}
