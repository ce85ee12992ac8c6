import { expect, test } from "@playwright/test";
import { personInNewContext } from "./helpers";

test("Settings lists the sessions, and ending another browser's session signs that browser out", async ({ browser }) => {
  const { context: first, page, user } = await personInNewContext(browser, "Twice");

  const second = await browser.newContext();
  const other = await second.newPage();
  await other.goto("/login");
  await other.getByRole("textbox", { name: "Email" }).fill(user.email);
  await other.getByLabel("Password").fill(user.password);
  await other.getByRole("button", { name: "Log in" }).click();
  await expect(other).toHaveURL(/\/c$/);
  await expect(other.getByRole("navigation", { name: "Channels" })).toBeVisible();

  await page.getByRole("button", { name: "Settings" }).click();
  const dialog = page.getByRole("dialog", { name: "Settings" });
  await expect(dialog.getByRole("heading", { name: "Sessions" })).toBeVisible();
  const rows = dialog.getByRole("listitem");
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: "This device" })).toHaveCount(1);
  await expect(rows.first()).toContainText("Browser");

  const theOther = rows.filter({ hasNotText: "This device" });
  await theOther.getByRole("button", { name: "End session" }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("This device");

  // Its socket is closed by the server and its reconnect refused: the app signs out.
  await expect(other).toHaveURL(/\/login$/, { timeout: 15_000 });
  await other.goto("/c");
  await expect(other).toHaveURL(/\/login$/);

  // This browser is still signed in.
  await dialog.getByRole("button", { name: "Close" }).click();
  await page.reload();
  await expect(page.getByRole("navigation", { name: "Channels" })).toBeVisible();

  await first.close();
  await second.close();
});

test("Log out everywhere from Settings signs this browser out too", async ({ browser }) => {
  const { context, page } = await personInNewContext(browser, "AllOut");
  await page.getByRole("button", { name: "Settings" }).click();
  const dialog = page.getByRole("dialog", { name: "Settings" });
  await dialog.getByRole("button", { name: "Log out everywhere" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/c");
  await expect(page).toHaveURL(/\/login$/);
  await context.close();
});
