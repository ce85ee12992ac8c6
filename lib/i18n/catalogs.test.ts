import { describe, expect, it } from "vitest";
import en from "../../messages/en.json";
import ko from "../../messages/ko.json";
import { ERROR_STATUS } from "../contract/errors";
import { localeFromAcceptLanguage } from "./locales";

/** "a.b.c" → value, for every leaf. */
function leaves(o: unknown, prefix = ""): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(o as Record<string, unknown>)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === "object") for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
    else out.set(key, v);
  }
  return out;
}

describe("message catalogs", () => {
  const e = leaves(en);
  const k = leaves(ko);

  it("English and Korean have the same keys", () => {
    expect([...k.keys()].sort()).toEqual([...e.keys()].sort());
    expect(e.size).toBeGreaterThan(50);
  });

  it("every error code of the protocol, and the client's own \"network\", has words in both", () => {
    for (const code of [...Object.keys(ERROR_STATUS), "network"]) {
      expect(e.get(`errors.${code}`), `en errors.${code}`).toEqual(expect.any(String));
      expect(k.get(`errors.${code}`), `ko errors.${code}`).toEqual(expect.any(String));
      expect(k.get(`errors.${code}`), `ko errors.${code} is translated`).not.toBe(e.get(`errors.${code}`));
    }
  });

  it("no value is empty", () => {
    for (const [key, v] of [...e, ...k]) {
      expect(typeof v, key).toBe("string");
      expect((v as string).trim(), key).not.toBe("");
    }
  });

  it("each Korean text keeps the placeholders of its English one", () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)/g)].map((m) => m[1]).sort();
    for (const [key, v] of e) expect(names(k.get(key) as string), key).toEqual(names(v as string));
  });
});

describe("localeFromAcceptLanguage", () => {
  it("picks the first supported language by weight, else English", () => {
    expect(localeFromAcceptLanguage("ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7")).toBe("ko");
    expect(localeFromAcceptLanguage("en-US,en;q=0.9,ko;q=0.8")).toBe("en");
    expect(localeFromAcceptLanguage("fr-FR,ko;q=0.5,en;q=0.4")).toBe("ko");
    expect(localeFromAcceptLanguage("en;q=0.2,ko;q=0.9")).toBe("ko");
    expect(localeFromAcceptLanguage("ko;q=0,de")).toBe("en");
    expect(localeFromAcceptLanguage(null)).toBe("en");
    expect(localeFromAcceptLanguage("*")).toBe("en");
  });
});
