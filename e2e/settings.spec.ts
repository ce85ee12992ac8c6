// Settings: profile (name and picture, seen live by the other person), theme (before the first
// paint, kept across reloads), and password (the new one logs in). The fixture's CSP guard also
// checks that the inline theme script runs under the page's real Content-Security-Policy.
import sharp from "sharp";
import { expect, test } from "./fixtures";
import { createDirectByApi, personInNewContext, send, tokenFor } from "./helpers";

test("a new display name and picture show in the other person's open conversation, live", async ({ browser }) => {
  // Two people, a dozen round trips each: more than the default minute on a busy machine.
  test.slow();
  const a = await personInNewContext(browser, "Nora");
  const b = await personInNewContext(browser, "Omar");
  const aId = (await tokenFor(a.user)).id;
  const channelId = await createDirectByApi((await tokenFor(b.user)).token, aId);
  await a.page.goto(`/c/${channelId}`, { waitUntil: "domcontentloaded" });
  await send(a.page, "hello from Nora");
  await b.page.goto(`/c/${channelId}`, { waitUntil: "domcontentloaded" });
  const bLog = b.page.getByRole("log");
  await expect(bLog.getByText("hello from Nora")).toBeVisible({ timeout: 30_000 });

  await a.page.getByRole("button", { name: "Settings" }).click();
  const dialog = a.page.getByRole("dialog", { name: "Settings" });
  await expect(dialog.getByRole("heading", { name: "Profile" })).toBeVisible();

  // A blank name is refused with a reason, and nothing changes.
  const nameBox = dialog.getByRole("textbox", { name: "Display name" });
  await expect(nameBox).toHaveValue(a.user.name);
  await nameBox.fill("   ");
  await dialog.getByRole("button", { name: "Save name" }).click();
  await expect(dialog.getByRole("alert")).toHaveText("Enter a name");

  const newName = `Nora Park ${Date.now().toString(36)}`;
  await nameBox.fill(`  ${newName}  `);
  await dialog.getByRole("button", { name: "Save name" }).click();
  await expect(dialog.getByRole("status").first()).toHaveText("Name saved");
  await expect(nameBox).toHaveValue(newName);

  // Omar's page: the conversation's link, header and message row, without a reload.
  await expect(b.page.getByRole("navigation", { name: "Channels" }).getByRole("link", { name: newName })).toBeVisible();
  await expect(b.page.getByRole("heading", { name: newName })).toBeVisible();
  await expect(bLog.locator(".message-sender", { hasText: newName })).toBeVisible();
  // And Nora's own footer.
  await expect(a.page.locator(".sidebar-foot .me-name")).toHaveText(newName);

  // A text file is not a picture: a clear reason, no picture.
  await dialog.getByLabel("Choose a picture").setInputFiles({ name: "notes.png", mimeType: "image/png", buffer: Buffer.from("not a picture at all\n".repeat(10)) });
  await expect(dialog.getByRole("alert")).toContainText("JPEG, PNG, GIF or WebP");
  await expect(a.page.locator(".sidebar-foot .me img.avatar")).toHaveCount(0);

  const png = await sharp({ create: { width: 400, height: 300, channels: 3, background: { r: 230, g: 90, b: 20 } } }).png().toBuffer();
  await dialog.getByLabel("Choose a picture").setInputFiles({ name: "me.png", mimeType: "image/png", buffer: png });
  await expect(dialog.getByRole("status").first()).toHaveText("Picture saved");
  await expect(dialog.getByRole("alert")).toHaveCount(0);
  // The picture shows in her footer, loaded (a 256 px square), and on Omar's page beside her message.
  const footPicture = a.page.locator(".sidebar-foot .me img.avatar");
  await expect(footPicture).toHaveAttribute("src", /^\/api\/avatars\/[a-z0-9]+$/);
  await expect.poll(() => footPicture.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(256);
  const rowPicture = bLog.locator(".message-gutter img.avatar").first();
  await expect(rowPicture).toHaveAttribute("src", (await footPicture.getAttribute("src"))!);
  await expect.poll(() => rowPicture.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(256);

  // Removed: initials again, for both.
  await dialog.getByRole("button", { name: "Remove picture" }).click();
  await expect(dialog.getByRole("status").first()).toHaveText("Picture removed");
  await expect(footPicture).toHaveCount(0);
  await expect(bLog.locator(".message-gutter img.avatar")).toHaveCount(0);

  // The new name survives a reload (it is not the session's copy from log-in time).
  await a.page.reload();
  await expect(a.page.locator(".sidebar-foot .me-name")).toHaveText(newName);
  await a.context.close();
  await b.context.close();
});

test("the theme: dark and back to light, applied at once and kept across reloads", async ({ browser }) => {
  // Three reloads of the chat page.
  test.slow();
  // The OS prefers light: "Dark" must override it, and "Light" must hold against a dark OS below.
  const { context, page } = await personInNewContext(browser, "Theo", { colorScheme: "light" });
  const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  const light = await background();
  // What <html> says once the document is parsed, before any of the app's scripts have run.
  await context.addInitScript(() => {
    document.addEventListener("DOMContentLoaded", () => document.documentElement.setAttribute("data-theme-at-parse", document.documentElement.dataset.theme ?? "none"), {
      once: true,
    });
  });

  await page.getByRole("button", { name: "Settings" }).click();
  const dialog = page.getByRole("dialog", { name: "Settings" });
  const themes = dialog.getByRole("radiogroup", { name: "Theme" });
  await expect(themes.getByRole("radio", { name: "System" })).toBeChecked();
  await themes.getByRole("radio", { name: "Dark" }).check();
  await expect.poll(background).not.toBe(light);
  const dark = await background();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");

  // Before the first paint: the inline script in <head> set it while the page was being parsed.
  await page.reload();
  await expect(page.getByRole("navigation", { name: "Channels" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("data-theme-at-parse", "dark");
  expect(await background()).toBe(dark);
  await page.getByRole("button", { name: "Settings" }).click();
  await expect(themes.getByRole("radio", { name: "Dark" })).toBeChecked();

  // Light, while the OS turns dark: light it stays.
  await themes.getByRole("radio", { name: "Light" }).check();
  await page.emulateMedia({ colorScheme: "dark" });
  await expect.poll(background).toBe(light);
  await page.reload();
  await expect(page.getByRole("navigation", { name: "Channels" })).toBeVisible();
  expect(await background()).toBe(light);

  // System follows the (dark) OS.
  await page.getByRole("button", { name: "Settings" }).click();
  await themes.getByRole("radio", { name: "System" }).check();
  await expect.poll(background).toBe(dark);
  await expect(page.locator("html")).not.toHaveAttribute("data-theme", /./);
  await context.close();
});

test("changing the password: the wrong current one is refused, the new one logs in, the old one no longer does", async ({ browser }) => {
  const { context, page, user } = await personInNewContext(browser, "Pia");
  // A token of hers from elsewhere (a script): ended by the change.
  const other = await tokenFor(user);
  await page.getByRole("button", { name: "Settings" }).click();
  const dialog = page.getByRole("dialog", { name: "Settings" });
  await expect(dialog.getByRole("heading", { name: "Password" })).toBeVisible();
  const newPassword = `${user.password}-renewed`;

  await dialog.getByLabel("Current password").fill("not-my-password");
  await dialog.getByLabel("New password", { exact: true }).fill(newPassword);
  await dialog.getByLabel("Confirm new password").fill(newPassword);
  await dialog.getByRole("button", { name: "Change password" }).click();
  await expect(dialog.getByRole("alert")).toHaveText("The current password is wrong");

  await dialog.getByLabel("Current password").fill(user.password);
  await dialog.getByLabel("Confirm new password").fill(`${newPassword}x`);
  await dialog.getByRole("button", { name: "Change password" }).click();
  await expect(dialog.getByRole("alert")).toHaveText("The two new passwords are not the same");

  await dialog.getByLabel("Confirm new password").fill(newPassword);
  await dialog.getByRole("button", { name: "Change password" }).click();
  await expect(dialog.getByText("Password changed. You were signed out everywhere else.")).toBeVisible();
  // This browser stays signed in; the script's token is over.
  const res = await fetch(new URL("/api/me", page.url()), { headers: { authorization: `Bearer ${other.token}` } });
  expect(res.status).toBe(401);
  await expect(dialog.getByRole("listitem")).toHaveCount(1);

  await dialog.getByRole("button", { name: "Close" }).click();
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.getByRole("textbox", { name: "Email" }).fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel("Password").fill(newPassword);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("navigation", { name: "Channels" })).toBeVisible();
  await context.close();
});

test("the sidebar footer keeps the user's name readable from 320 px up", async ({ browser }) => {
  const { context, page, user } = await personInNewContext(browser, "Wendeline-Alexandra", { viewport: { width: 320, height: 640 }, permissions: ["notifications"] });
  await expect(page.getByRole("button", { name: "Enable notifications" })).toBeVisible();
  for (const width of [320, 360, 768, 1024, 1440]) {
    await page.setViewportSize({ width, height: 700 });
    const name = page.locator(".sidebar-foot .me-name");
    await expect(name).toHaveText(user.name);
    // Not cut to a letter: at least as wide as its first word.
    const box = await name.boundingBox();
    expect(box!.width, `at ${width}px`).toBeGreaterThan(120);
    const foot = (await page.locator(".sidebar-foot").boundingBox())!;
    for (const button of ["Settings", "Log out", "Enable notifications"]) {
      const b = await page.getByRole("button", { name: button }).boundingBox();
      expect(b, `${button} at ${width}px`).not.toBeNull();
      // Inside the footer, not pushed off its edge.
      expect(b!.x + b!.width, `${button} at ${width}px`).toBeLessThanOrEqual(foot.x + foot.width + 0.5);
      expect(b!.y + b!.height, `${button} at ${width}px`).toBeLessThanOrEqual(foot.y + foot.height + 0.5);
    }
  }
  await context.close();
});
