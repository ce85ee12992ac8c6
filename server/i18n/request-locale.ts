import { isLocale, localeFromAcceptLanguage, LOCALE_COOKIE, type Locale } from "../../lib/i18n/locales";

/**
 * The UI language a request speaks, as i18n/request.ts decides it for pages: the "locale" cookie
 * (Settings › Language), else Accept-Language. Stored on the user at sign-up and log-in so push
 * notifications, written with no request at hand, use it.
 */
export function requestLocale(headers: { get(name: string): string | null }): Locale {
  const cookie = headers.get("cookie") ?? "";
  const m = cookie.match(new RegExp(`(?:^|;\\s*)${LOCALE_COOKIE}=([^;]*)`));
  const chosen = m?.[1];
  return isLocale(chosen) ? chosen : localeFromAcceptLanguage(headers.get("accept-language"));
}
