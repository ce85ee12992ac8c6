import type { Locator } from "@playwright/test";
import { expect, test } from "./fixtures";
import { expectDeviceMatchesServer } from "./device";
import { createDirectByApi, personInNewContext, scrollLogToTop, seedMessages, send, signUpByApi, tokenFor } from "./helpers";

const label = (i: number) => `seed ${String(i).padStart(3, "0")}`;

/** Where a row is, relative to the top of the log's viewport. */
async function offsetInLog(log: Locator, row: Locator): Promise<number> {
  const [l, r] = await Promise.all([log.boundingBox(), row.boundingBox()]);
  return r!.y - l!.y;
}

test("scrolling up loads older pages in place; Jump to latest; an old window from a permalink", async ({ browser }) => {
  const a = await personInNewContext(browser, "Hana");
  const b = await signUpByApi("Ivo");
  const aAuth = await tokenFor(a.user);
  const channelId = await createDirectByApi(b.token, aAuth.id);
  await seedMessages(channelId, [aAuth.token, b.token], 120, label);
  // A fresh start: the page shows the latest page, from the device's store (the messages came
  // live while seeding: all of them, once it matches the server), and older ones page by page.
  await expectDeviceMatchesServer(a.page, aAuth);
  await a.page.reload();

  await a.page.getByRole("navigation", { name: "Channels" }).getByRole("link", { name: b.name }).click();
  const log = a.page.getByRole("log");
  // The latest page, scrolled to the bottom (the list is virtualised: only rows near the view
  // are in the page, so "loaded" is seen as the row above the first one shown being there).
  await expect(log.getByText(label(120), { exact: true })).toBeInViewport();
  await expect(a.page.getByRole("button", { name: "Jump to latest" })).toBeHidden();

  // Up to the top: the page before comes, and what was on screen stays where it was.
  await scrollLogToTop(a.page);
  const firstShown = log.getByText(label(71), { exact: true });
  await expect(firstShown).toBeInViewport();
  const before = await offsetInLog(log, firstShown);
  await expect(log.getByText(label(70), { exact: true })).toBeAttached();
  const after = await offsetInLog(log, firstShown);
  expect(Math.abs(after - before)).toBeLessThan(4);
  await expect(a.page.getByRole("button", { name: "Jump to latest" })).toBeVisible();

  // Again, to the beginning.
  await scrollLogToTop(a.page);
  await expect(log.getByText(label(20), { exact: true })).toBeAttached();
  await scrollLogToTop(a.page);
  await expect(log.getByText("This is the beginning of the conversation.")).toBeVisible();
  await scrollLogToTop(a.page);

  // A live message while scrolled up: said to screen readers, and the view does not move.
  const top = log.getByText(label(1), { exact: true });
  const topBefore = await offsetInLog(log, top);
  await seedMessages(channelId, [b.token], 1, () => "live one");
  await expect(a.page.locator('[aria-live="polite"]', { hasText: "live one" })).toHaveText(`${b.name}: live one`);
  expect(Math.abs((await offsetInLog(log, top)) - topBefore)).toBeLessThan(4);

  await a.page.getByRole("button", { name: "Jump to latest" }).click();
  await expect(log.getByText("live one")).toBeInViewport();
  await expect(log.getByText("live one")).toHaveCount(1);
  await expect(a.page.getByRole("button", { name: "Jump to latest" })).toBeHidden();
  const texts = await log.locator(".message-body").allInnerTexts();
  expect(new Set(texts).size).toBe(texts.length);
  expect(texts.at(-1)).toBe("live one");

  // A permalink to an old message: a window around it, highlighted, and a way back to the latest.
  await a.page.goto(`/c/${channelId}/m/10`);
  const highlighted = log.locator('[aria-current="true"]');
  await expect(highlighted).toContainText(label(10));
  await expect(highlighted).toBeInViewport();
  await expect(log.getByText(label(120), { exact: true })).toHaveCount(0);
  // Writing from there goes back to the end, where the message is.
  await send(a.page, "back to now");
  await expect(a.page).toHaveURL(new RegExp(`/c/${channelId}$`));
  await expect(log.getByText("back to now")).toBeInViewport();

  await a.page.goto(`/c/${channelId}/m/30`);
  await expect(log.locator('[aria-current="true"]')).toContainText(label(30));
  await a.page.getByRole("button", { name: "Jump to latest" }).click();
  await expect(a.page).toHaveURL(new RegExp(`/c/${channelId}$`));
  await expect(log.getByText("back to now")).toBeInViewport();
  await expect(log.locator('[aria-current="true"]')).toHaveCount(0);

  await expectDeviceMatchesServer(a.page, aAuth);
  await a.context.close();
});

test("older pages come from the device when it holds them, else over HTTP (a new device)", async ({ browser }) => {
  const a = await personInNewContext(browser, "Jun");
  const b = await signUpByApi("Kay");
  const aAuth = await tokenFor(a.user);
  const channelId = await createDirectByApi(b.token, aAuth.id);
  await seedMessages(channelId, [aAuth.token, b.token], 120, label);

  const pages: string[] = [];
  const watch = (page: import("@playwright/test").Page) =>
    page.on("request", (r) => {
      if (r.url().includes(`/api/channels/${channelId}/messages`)) pages.push(new URL(r.url()).search);
    });
  const scrollToBeginning = async (page: import("@playwright/test").Page) => {
    await page.getByRole("navigation", { name: "Channels" }).getByRole("link", { name: b.name }).click();
    const log = page.getByRole("log");
    await expect(log.getByText(label(120), { exact: true })).toBeInViewport();
    for (const n of [70, 20]) {
      await scrollLogToTop(page);
      await expect(log.getByText(label(n), { exact: true })).toBeAttached();
    }
    await scrollLogToTop(page);
    await expect(log.getByText("This is the beginning of the conversation.")).toBeVisible();
  };

  // This device got every message live: after a reload, the pages are read from its IndexedDB.
  await expectDeviceMatchesServer(a.page, aAuth);
  await a.page.reload();
  watch(a.page);
  await scrollToBeginning(a.page);
  expect(pages).toEqual([]);

  // A second device of the same user holds nothing: the latest page, then older ones, over HTTP.
  const other = await browser.newContext({ storageState: await a.context.storageState() });
  const page = await other.newPage();
  watch(page);
  await page.goto("/c");
  await scrollToBeginning(page);
  expect(pages).toEqual(["?limit=50", "?before=71&limit=50", "?before=21&limit=50"]);
  await expectDeviceMatchesServer(page, aAuth);
  await other.close();
  await a.context.close();
});
