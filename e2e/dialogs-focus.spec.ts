// Modal dialogs keep the keyboard inside them while open and give the focus back to the control
// that opened them when they close; the header's Mute is a toggle button.
import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { createGroupByApi, newUser, send, signUp, signUpByApi, tokenFor } from "./helpers";

/** Tabs forwards `times` times; each time the focus is inside `dialog` (never on the page behind it). */
async function tabStaysInside(page: Page, dialog: Locator, times: number): Promise<void> {
  for (let i = 0; i < times; i++) {
    await page.keyboard.press("Tab");
    const inside = await dialog.evaluate((d) => {
      const a = document.activeElement;
      // Past the last control the focus may leave the document for the browser's own UI (body
      // is active then); the page behind the dialog is inert and never gets it.
      return a === document.body || d.contains(a);
    });
    expect(inside, `Tab ${i + 1}`).toBe(true);
  }
}

test("dialogs trap the keyboard and give the focus back to their opener", async ({ page }) => {
  test.setTimeout(120_000);
  const [bora, chul] = await Promise.all([signUpByApi("Bora"), signUpByApi("Chul")]);
  const me = newUser("Ara");
  await signUp(page, me);
  const group = "Focus club";
  await createGroupByApi((await tokenFor(me)).token, group, [bora.id, chul.id]);
  await page.getByRole("navigation", { name: "Channels" }).getByRole("link", { name: group }).click();
  await send(page, "to be deleted");
  await send(page, "to stay");
  const log = page.getByRole("log");

  // Settings, opened from the keyboard and closed with Esc.
  const settingsButton = page.getByRole("button", { name: "Settings" });
  await settingsButton.focus();
  await page.keyboard.press("Enter");
  const settings = page.getByRole("dialog", { name: "Settings" });
  await expect(settings.getByRole("checkbox", { name: "Send read receipts" })).toBeVisible();
  await tabStaysInside(page, settings, 8);
  await page.keyboard.press("Escape");
  await expect(settings).toBeHidden();
  await expect(settingsButton).toBeFocused();

  // New message, closed with its Close button.
  const newButton = page.getByRole("button", { name: "New message" });
  await newButton.focus();
  await page.keyboard.press("Enter");
  const newMessage = page.getByRole("dialog", { name: "New message" });
  await expect(newMessage.getByRole("combobox", { name: "People" })).toBeFocused();
  await tabStaysInside(page, newMessage, 6);
  await newMessage.getByRole("button", { name: "Close" }).click();
  await expect(newMessage).toBeHidden();
  await expect(newButton).toBeFocused();

  // Members.
  const membersButton = page.getByRole("button", { name: "Members", exact: true });
  await membersButton.focus();
  await page.keyboard.press("Enter");
  const members = page.getByRole("dialog", { name: "Members" });
  await expect(members.getByText(bora.name)).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(members).toBeHidden();
  await expect(membersButton).toBeFocused();

  // Delete message: its opener (a menu item) is gone when it closes; Cancel gives the focus to
  // the message's "More actions", deleting to the composer.
  const doomed = log.locator(".message", { hasText: "to be deleted" });
  await doomed.hover();
  const more = doomed.getByRole("button", { name: "More actions" });
  await more.click();
  await page.getByRole("menuitem", { name: "Delete" }).click();
  const del = page.getByRole("dialog", { name: "Delete message?" });
  await expect(del.getByRole("button", { name: "Cancel" })).toBeFocused();
  await tabStaysInside(page, del, 3);
  await page.keyboard.press("Escape");
  await expect(del).toBeHidden();
  await expect(more).toBeFocused();
  await page.keyboard.press("Enter");
  await page.getByRole("menuitem", { name: "Delete" }).click();
  await del.getByRole("button", { name: "Delete" }).click();
  await expect(log.getByText("This message was deleted")).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Message" })).toBeFocused();
});

test("Mute in the conversation header is a toggle button that stays as set", async ({ page }) => {
  test.setTimeout(120_000);
  const bora = await signUpByApi("Bora");
  const me = newUser("Ara");
  await signUp(page, me);
  await createGroupByApi((await tokenFor(me)).token, "Quiet room", [bora.id]);
  await page.getByRole("navigation", { name: "Channels" }).getByRole("link", { name: "Quiet room" }).click();
  const mute = page.getByRole("button", { name: "Mute", exact: true });
  await expect(mute).toHaveAttribute("aria-pressed", "false");
  await mute.focus();
  await page.keyboard.press("Space");
  await expect(mute).toHaveAttribute("aria-pressed", "true");
  await page.reload();
  await expect(page.getByRole("button", { name: "Mute", exact: true })).toHaveAttribute("aria-pressed", "true");
  await page.getByRole("button", { name: "Mute", exact: true }).click();
  await expect(page.getByRole("button", { name: "Mute", exact: true })).toHaveAttribute("aria-pressed", "false");
});
