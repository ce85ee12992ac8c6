// The pictures in docs/screenshots/ (linked from the README), for people to look at, not a check:
// `SCREENSHOTS=1 npx playwright test e2e/docs-screenshots.spec.ts` (after `npm run build`). The main
// screens in English and Korean, light and dark (the device's colour scheme; Settings › Theme
// "System"), at 1280 px and 390 px.
import type { Browser } from "@playwright/test";
import { browserLogin } from "../tests/support/session-cookie";
import { expect, test } from "./fixtures";
import { baseURL, createGroupByApi, seedMessages, signUpByApi } from "./helpers";

const DIR = "docs/screenshots";
const TEXT = {
  en: { group: "Weekend trip", lines: ["Are we still on for Saturday?", "Yes! Leaving at **9**", "I'll bring the `snacks`", "See you at the station 🚉"] },
  ko: { group: "주말 여행", lines: ["토요일 일정 그대로죠?", "네! **9시**에 출발해요", "간식은 제가 챙길게요", "역에서 만나요 🚉"] },
} as const;

async function openAs(browser: Browser, email: string, password: string, locale: string, colorScheme: "light" | "dark", width: number) {
  const cookie = await browserLogin({ url: baseURL() }, email, password);
  if (!cookie) throw new Error("log-in failed");
  const [name, value] = cookie.split("=");
  const context = await browser.newContext({ locale, colorScheme, viewport: { width, height: width > 500 ? 760 : 780 } });
  await context.addCookies([{ name: name!, value: value!, url: baseURL() }]);
  return context;
}

for (const lang of ["en", "ko"] as const) {
  test(`screens in ${lang === "en" ? "English" : "Korean"}, light and dark, 1280 and 390 px`, async ({ browser }) => {
    test.setTimeout(240_000);
    const [a, b, c] = await Promise.all(["Ana", "Ben", "Cleo"].map((n) => signUpByApi(n)));
    // Shown names without the test suffix (Korean ones in Korean; an email address stays Latin).
    const shown = lang === "en" ? ["Ana Kim", "Ben Park", "Cleo Lee"] : ["김민지", "박서준", "이하은"];
    await Promise.all(
      [a!, b!, c!].map((u, i) =>
        fetch(new URL("/api/me", baseURL()), {
          method: "PATCH",
          headers: { authorization: `Bearer ${u.token}`, "content-type": "application/json" },
          body: JSON.stringify({ name: shown[i] }),
        }),
      ),
    );
    const t = TEXT[lang];
    const channelId = await createGroupByApi(a!.token, t.group, [b!.id, c!.id]);
    await seedMessages(channelId, [b!.token, a!.token, c!.token, b!.token], 4, (i) => t.lines[i - 1]!);

    for (const scheme of ["light", "dark"] as const) {
      for (const width of [1280, 390]) {
        const context = await openAs(browser, a!.email, a!.password, lang === "en" ? "en-US" : "ko-KR", scheme, width);
        const page = await context.newPage();
        const prefix = `${DIR}/${lang}-${scheme}-${width}`;
        await page.goto(`/c/${channelId}`);
        await expect(page.getByRole("log").getByText(t.lines[3]!)).toBeVisible();
        await page.screenshot({ path: `${prefix}-conversation.png` });
        if (width === 1280) {
          await page.getByRole("button", { name: lang === "en" ? "Settings" : "설정", exact: true }).click();
          await expect(page.getByRole("dialog")).toBeVisible();
          await page.screenshot({ path: `${prefix}-settings.png` });
        } else {
          await page.goto("/c");
          await expect(page.getByRole("navigation").getByRole("link").first()).toBeVisible();
          await page.screenshot({ path: `${prefix}-list.png` });
        }
        await context.close();
      }
      const context = await browser.newContext({ locale: lang === "en" ? "en-US" : "ko-KR", colorScheme: scheme, viewport: { width: 1280, height: 760 } });
      const page = await context.newPage();
      await page.goto("/login");
      await expect(page.getByRole("heading").first()).toBeVisible();
      await page.screenshot({ path: `${DIR}/${lang}-${scheme}-1280-login.png` });
      await context.close();
    }
  });
}
