import type { Locator, Page } from "@playwright/test";
import { io } from "socket.io-client";
import { expect, test } from "./fixtures";
import { baseURL, createDirectByApi, scrollLogToTop, seedMany, signUpByApi, type TestUser } from "./helpers";

const TOTAL = 10_000;
const label = (i: number) => `long ${i}`;

async function logIn(page: Page, u: TestUser): Promise<void> {
  await page.goto("/login");
  await page.getByRole("textbox", { name: "Email" }).fill(u.email);
  await page.getByLabel("Password").fill(u.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/c$/, { timeout: 30_000 });
}

/** The seqs of the message rows in the page (a virtualised log: only those near the view). */
const renderedSeqs = (log: Locator) =>
  log.evaluate((el) => [...el.querySelectorAll<HTMLElement>(".message[data-seq]")].map((r) => Number(r.dataset.seq)));

test("a 10,001-message conversation opens at its end, scrolls back in bounded memory, and a quote far back opens there", async ({ browser }) => {
  test.setTimeout(240_000);
  const a = await signUpByApi("Lena");
  const b = await signUpByApi("Milo");
  const channelId = await createDirectByApi(b.token, a.id);
  await seedMany(channelId, b.token, TOTAL, label);
  // The newest message answers message 5,000.
  const s = io(baseURL(), { auth: { token: b.token }, transports: ["websocket"], forceNew: true });
  const ack = await s.timeout(10_000).emitWithAck("message:send", { channelId, clientMsgId: `reply-${Date.now()}`, body: "about 5000", replyTo: 5000 });
  s.disconnect();
  expect(ack.ok).toBe(true);

  const context = await browser.newContext();
  const page = await context.newPage();
  await logIn(page, a);
  await page.goto(`/c/${channelId}`);
  const log = page.getByRole("log");
  const frame = page.locator(".log-frame");
  await expect(log.getByText("about 5000")).toBeInViewport();
  await expect(page.getByRole("button", { name: "Jump to latest" })).toBeHidden();

  // Back through 20 pages: each comes in place, the page keeps only rows near the view, and the
  // messages held stay bounded (the far end is let go of, read back when needed).
  let lowest = Math.min(...(await renderedSeqs(log)));
  for (let i = 0; i < 20; i++) {
    await scrollLogToTop(page);
    await expect.poll(async () => Math.min(...(await renderedSeqs(log))), { timeout: 15_000 }).toBeLessThan(lowest);
    lowest = Math.min(...(await renderedSeqs(log)));
  }
  expect(lowest).toBeLessThan(TOTAL - 900);
  expect((await renderedSeqs(log)).length).toBeLessThan(150);
  expect(Number(await frame.getAttribute("data-held"))).toBeLessThanOrEqual(700);
  // What is in view is consecutive, in order.
  const seqs = await renderedSeqs(log);
  expect(seqs).toEqual(seqs.map((_, k) => seqs[0]! + k));

  // Jump to latest after the newest messages were let go of: read back, at the end.
  await page.getByRole("button", { name: "Jump to latest" }).click();
  await expect(log.getByText("about 5000")).toBeInViewport();
  await expect(page.getByRole("button", { name: "Jump to latest" })).toBeHidden();

  // The quote opens message 5,000 in the middle of its own stretch of history.
  await log.locator(".message", { hasText: "about 5000" }).getByRole("link", { name: /In reply to/ }).click();
  await expect(page).toHaveURL(new RegExp(`/c/${channelId}/m/5000$`));
  const highlighted = log.locator('[aria-current="true"]');
  await expect(highlighted).toContainText(label(5000));
  await expect(highlighted).toBeInViewport();
  await expect(log.getByText("about 5000")).toHaveCount(0);

  // Down from there: newer pages come in place; the view stays in this stretch (no jump elsewhere).
  for (let i = 0; i < 6; i++) {
    const before = await renderedSeqs(log);
    await log.hover();
    await page.mouse.wheel(0, 800);
    await expect.poll(async () => Math.max(...(await renderedSeqs(log))), { timeout: 15_000 }).toBeGreaterThan(Math.max(...before));
    const now = await renderedSeqs(log);
    expect(Math.min(...now)).toBeGreaterThan(4900);
    expect(Math.max(...now)).toBeLessThan(5400);
  }
  await page.getByRole("button", { name: "Jump to latest" }).click();
  await expect(page).toHaveURL(new RegExp(`/c/${channelId}$`));
  await expect(log.getByText("about 5000")).toBeInViewport();
  await context.close();
});
