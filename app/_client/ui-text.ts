// Words for modules outside React (history, search, uploads, message changes, file sizes, device
// names): they put text in the store, or return it, for components to show. FormatLocale hands
// over the page's translator during render, before any of them runs; the page reloads when the
// language changes, so text made earlier never needs redoing.
import type en from "@/messages/en.json";
import type { ErrorCode } from "@/lib/contract/errors";

/** "a.b" for every text of the catalogs (en.json and ko.json have the same keys: catalogs.test.ts). */
type Paths<T, P extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Paths<T[K], `${P}${K}.`>;
}[keyof T & string];
export type MessageKey = Paths<typeof en>;

type Values = Record<string, string | number>;
type Translate = (key: MessageKey, values?: Values) => string;

let translate: Translate | null = null;
let english = true;

export function setUiText(t: Translate, locale: string): void {
  translate = t;
  english = locale === "en";
}

export function uiText(key: MessageKey, values?: Values): string {
  // Before the page rendered (never in the app): the key, not a crash.
  return translate ? translate(key, values) : key;
}

/**
 * Why the server refused, in the page's language. English keeps the server's own words (they
 * name the field); other languages say what the code means, as the server speaks English only.
 */
export function refusalText(code: ErrorCode | "network", serverMessage: string): string {
  return english && code !== "network" && serverMessage ? serverMessage : uiText(`errors.${code}`);
}
