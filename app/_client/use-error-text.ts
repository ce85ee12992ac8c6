"use client";
import { useLocale, useTranslations } from "next-intl";
import { useCallback } from "react";
import { ApiError } from "./api";

/**
 * Words for an error from the server. English keeps the server's own message (it names the
 * field, e.g. "email is already taken"); other languages say what its code means
 * (lib/contract/errors.ts), since the server speaks English only. `fallback` for anything else.
 */
export function useErrorText(): (err: unknown, fallback: string) => string {
  const t = useTranslations("errors");
  const locale = useLocale();
  return useCallback(
    (err: unknown, fallback: string) => {
      if (err instanceof ApiError) return locale === "en" && err.code !== "network" ? err.message : t(err.code);
      if (locale === "en" && err instanceof Error && err.message) return err.message;
      return fallback;
    },
    [t, locale],
  );
}
