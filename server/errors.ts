// The one error type of the domain. Every failure a client may see is an AppError with a protocol
// code; anything else is a bug, logged and answered as `internal` without its details.
import { ERROR_STATUS, type ErrorBody, type ErrorCode } from "../lib/contract/errors";
import type { ZodError } from "zod";

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Extra HTTP headers, e.g. Retry-After for rate_limited. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  /** `invalid`, unless the schema's issue names its own code (lib/contract/schemas.ts answerAs). */
  static fromZod(err: ZodError): AppError {
    const first = err.issues[0];
    const where = first && first.path.length ? `${first.path.join(".")}: ` : "";
    const named = first?.code === "custom" ? (first.params as { code?: unknown } | undefined)?.code : undefined;
    const code: ErrorCode = typeof named === "string" && named in ERROR_STATUS ? (named as ErrorCode) : "invalid";
    return new AppError(code, `${where}${first?.message ?? "invalid input"}`);
  }
}

/** Duck-typed so it also recognises AppErrors from a second copy of this module (Next's bundle). */
export function isAppError(err: unknown): err is AppError {
  return (
    err instanceof AppError ||
    (typeof err === "object" && err !== null && (err as { name?: unknown }).name === "AppError" &&
      typeof (err as { code?: unknown }).code === "string" && (err as { code: string }).code in ERROR_STATUS)
  );
}

export function toErrorBody(err: unknown, onUnexpected: (err: unknown) => void): ErrorBody & { status: number } {
  if (isAppError(err)) return { code: err.code, message: err.message, status: ERROR_STATUS[err.code] };
  onUnexpected(err);
  return { code: "internal", message: "internal error", status: 500 };
}

/** Postgres unique violation, from the ORM (P2002) or from raw SQL through the driver adapter (P2010). */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as {
    code?: string;
    meta?: { code?: string; driverAdapterError?: { cause?: { originalCode?: string; kind?: string } } };
  } | null;
  const cause = e?.meta?.driverAdapterError?.cause;
  return (
    e?.code === "P2002" ||
    e?.code === "23505" ||
    e?.meta?.code === "23505" ||
    cause?.originalCode === "23505" ||
    cause?.kind === "UniqueConstraintViolation"
  );
}
