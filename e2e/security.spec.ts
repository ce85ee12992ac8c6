import { expect, test } from "./fixtures";
import { personInNewContext } from "./helpers";

test("pages run under a nonce CSP that refuses injected scripts, and the guard sees it", async ({ browser, cspViolations }) => {
  const { page, context } = await personInNewContext(browser, "Csp");
  const res = await page.goto("/c");
  const csp = res?.headers()["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'/);
  expect(cspViolations).toEqual([]);

  // What an XSS would do: an inline script without the nonce. It must not run.
  await page.evaluate(() => {
    const s = document.createElement("script");
    s.textContent = "window.__injected = true";
    document.body.append(s);
  });
  expect(await page.evaluate(() => (window as { __injected?: boolean }).__injected)).toBeUndefined();
  // Reported both ways the guard listens: the page's event and the console.
  await expect.poll(() => cspViolations.some((v) => v.startsWith("script-src"))).toBe(true);
  await expect.poll(() => cspViolations.some((v) => /^console: .*inline script.*Content Security Policy/i.test(v))).toBe(true);
  // Seen as it should be: nothing else may be reported.
  cspViolations.length = 0;
  await context.close();
});
