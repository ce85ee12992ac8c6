// The conversation header (back link, avatar, name, members or presence, Mute, Members) fits the
// window at every width from 320 px up: nothing overflows it or leaves the screen. A read
// receipt sits next to its message's bubble, not at the far edge of a wide window.
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { createDirectByApi, createGroupByApi, newUser, send, signUp, signUpByApi, tokenFor } from "./helpers";

async function headerFits(page: Page, width: number, shot: string): Promise<void> {
  await page.setViewportSize({ width, height: 700 });
  const head = page.locator(".conversation-head");
  await expect(head).toBeVisible();
  await page.screenshot({ path: test.info().outputPath(`${shot}-${width}.png`) });
  const fit = await head.evaluate((h) => {
    const box = h.getBoundingClientRect();
    const outside = [...h.querySelectorAll<HTMLElement>("a, button, h1, p")]
      .filter((el) => el.offsetParent !== null)
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.right > window.innerWidth + 0.5;
      })
      .map((el) => el.textContent);
    return { overflow: h.scrollWidth - h.clientWidth, outside, page: document.documentElement.scrollWidth - window.innerWidth };
  });
  expect(fit, `${shot} at ${width} px`).toEqual({ overflow: 0, outside: [], page: 0 });
}

test("the conversation header fits at 320, 390, 768 and 1280 px", async ({ page }) => {
  const [bora, chul] = await Promise.all([signUpByApi("Bora"), signUpByApi("Chul")]);
  const me = newUser("Ara");
  await signUp(page, me);
  const mine = (await tokenFor(me)).token;
  const group = "A group whose name is far too long to fit on one line of a phone screen";
  const groupId = await createGroupByApi(mine, group, [bora.id, chul.id]);
  const directId = await createDirectByApi(mine, bora.id);

  await page.goto(`/c/${groupId}`);
  await send(page, "Hello everyone");
  for (const width of [320, 390, 768, 1280]) await headerFits(page, width, "group");

  await page.goto(`/c/${directId}`);
  await send(page, "Hello Bora");
  for (const width of [320, 390, 768, 1280]) await headerFits(page, width, "direct");

  // 1280 px: the receipt ("1" member has not read it) is beside the bubble's end.
  await page.goto(`/c/${groupId}`);
  const message = page.getByRole("log").locator(".message", { hasText: "Hello everyone" });
  const receipt = message.locator(".message-receipt");
  await expect(receipt).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("receipt-1280.png") });
  const gap = await message.evaluate((m) => {
    const bubble = m.querySelector(".message-content")!.getBoundingClientRect();
    const r = m.querySelector(".message-receipt")!.getBoundingClientRect();
    return r.left - bubble.right;
  });
  expect(gap).toBeGreaterThanOrEqual(0);
  expect(gap).toBeLessThan(24);
});
