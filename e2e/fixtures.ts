// The `test` every spec uses: Playwright's, plus a guard that fails the test when any page of any
// of its browser contexts reports a Content-Security-Policy violation, so the app is known to
// run under its real CSP (server/http/security-headers.ts). Contexts a test makes itself
// (browser.newContext, as personInNewContext does) are watched too.
import { type BrowserContext, test as base, expect } from "@playwright/test";

export { expect };

declare global {
  interface Window {
    __reportCspViolation?: (what: string) => void;
  }
}

async function watch(context: BrowserContext, violations: string[]): Promise<void> {
  await context.exposeBinding("__reportCspViolation", (_source, what: string) => void violations.push(what));
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      window.__reportCspViolation?.(
        `${e.effectiveDirective} refused ${e.blockedURI || "inline"} in ${e.documentURI} (${e.sourceFile}:${e.lineNumber})`,
      );
    });
  });
  // Violations before the listener exists (the document's very first scripts) reach the console
  // ("Refused to ...", or "... violates the following Content Security Policy directive").
  context.on("console", (msg) => {
    if (/Refused to|Content Security Policy/i.test(msg.text())) violations.push(`console: ${msg.text()}`);
  });
}

export const test = base.extend<{ cspViolations: string[] }>({
  cspViolations: [
    async ({ browser, context }, use) => {
      const violations: string[] = [];
      await watch(context, violations);
      const newContext = browser.newContext;
      browser.newContext = async (...args: Parameters<typeof newContext>) => {
        const made = await newContext.apply(browser, args);
        await watch(made, violations);
        return made;
      };
      try {
        await use(violations);
      } finally {
        browser.newContext = newContext;
      }
      expect(violations, "Content-Security-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
});
