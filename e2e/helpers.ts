import { type Browser, expect, type Page } from "@playwright/test";

export interface TestUser {
  email: string;
  name: string;
  password: string;
}

let counter = 0;

/** A user unique to this run (the database may be shared between runs in CI). */
export function newUser(first: string): TestUser {
  const tag = `${Date.now().toString(36)}${process.pid.toString(36)}${(counter++).toString(36)}`;
  return {
    email: `${first.toLowerCase()}-${tag}@example.test`,
    name: `${first} ${tag}`,
    password: `pw-${tag}-secret`,
  };
}

export async function signUp(page: Page, u: TestUser): Promise<void> {
  await page.goto("/signup");
  await page.getByRole("textbox", { name: "Email" }).fill(u.email);
  await page.getByRole("textbox", { name: "Name" }).fill(u.name);
  await page.getByLabel("Password").fill(u.password);
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page).toHaveURL(/\/c$/);
  await expect(page.getByRole("navigation", { name: "Channels" })).toBeVisible();
}

/** A signed-up user in their own browser context (own cookies: another person, another device). */
export async function personInNewContext(browser: Browser, first: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const user = newUser(first);
  await signUp(page, user);
  return { context, page, user };
}

/** Opens "New message", chooses these people, names the group if given, and starts. */
export async function startConversation(page: Page, people: TestUser[], groupName?: string): Promise<void> {
  await page.getByRole("button", { name: "New message" }).click();
  const dialog = page.getByRole("dialog", { name: "New message" });
  await expect(dialog).toBeVisible();
  const combo = dialog.getByRole("combobox", { name: "People" });
  for (const p of people) {
    // Part of the name is enough to find them.
    await combo.fill(p.name.slice(0, -2));
    await dialog.getByRole("option", { name: p.name }).click();
  }
  if (groupName) await dialog.getByRole("textbox", { name: "Group name" }).fill(groupName);
  await dialog.getByRole("button", { name: "Start" }).click();
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(/\/c\/[^/]+$/);
}

export async function send(page: Page, text: string): Promise<void> {
  const box = page.getByRole("textbox", { name: "Message" });
  await box.fill(text);
  await box.press("Enter");
  await expect(box).toHaveValue("");
}
