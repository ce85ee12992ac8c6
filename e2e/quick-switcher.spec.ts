// "Jump to conversation" (Ctrl+K): finds conversations and people by name (Korean initials too),
// opens them from the keyboard, and gives the focus back when closed. The unread count in the
// tab's title.
import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { baseURL, createDirectByApi, createGroupByApi, newUser, seedMessages, signUpByApi, tokenFor } from "./helpers";

// Each test signs up in a browser and waits on live events: on a loaded machine that alone has
// taken most of the default 60 s.
test.describe.configure({ timeout: 120_000 });

/**
 * personInNewContext with more patience: sign-up hashes a password and renders the app, which
 * took longer than helpers.ts's 10 s wait while other test runs loaded the machine.
 */
async function personInNewContext(browser: Browser, first: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const user = newUser(first);
  await page.goto("/signup");
  await page.getByRole("textbox", { name: "Email" }).fill(user.email);
  await page.getByRole("textbox", { name: "Name" }).fill(user.name);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page).toHaveURL(/\/c$/, { timeout: 30_000 });
  await expect(page.getByRole("navigation", { name: "Channels" })).toBeVisible({ timeout: 30_000 });
  return { context, page, user };
}

function switcher(page: Page) {
  const dialog = page.getByRole("dialog", { name: "Jump to conversation" });
  return { dialog, combo: dialog.getByRole("combobox", { name: "Conversation or person" }) };
}

test("Ctrl+K opens the switcher; typing filters; arrows and Enter open a conversation", async ({ browser }) => {
  const a = await personInNewContext(browser, "Alma");
  const me = await tokenFor(a.user);
  const bert = await signUpByApi("Bert");
  const cleo = await signUpByApi("Cleo");
  await createDirectByApi(me.token, bert.id);
  await createDirectByApi(me.token, cleo.id);
  const group = await createGroupByApi(me.token, `Planning ${Date.now().toString(36)}`, [bert.id, cleo.id]);
  const nav = a.page.getByRole("navigation", { name: "Channels" });
  await expect(nav.getByRole("link")).toHaveCount(3);

  // From the search box: Ctrl+K opens the dialog with the focus in its combobox.
  const searchBox = a.page.getByRole("searchbox", { name: "Search messages" });
  await searchBox.focus();
  await a.page.keyboard.press("Control+k");
  const { dialog, combo } = switcher(a.page);
  await expect(dialog).toBeVisible();
  await expect(combo).toBeFocused();
  // Nothing typed: the recent conversations, the newest first.
  await expect(dialog.getByRole("option")).toHaveCount(3);
  await expect(dialog.getByRole("group", { name: "Recent conversations" }).getByRole("option").first()).toContainText("Planning");

  // Typing filters, case-insensitively: Cleo's conversation, then the group she is in.
  await combo.fill(cleo.name.toUpperCase());
  await expect(dialog.getByRole("option")).toHaveCount(2);
  await expect(dialog.getByRole("option").nth(0)).toHaveAccessibleName(cleo.name);
  await expect(dialog.getByRole("option").nth(0)).toHaveAttribute("aria-selected", "true");
  await expect(dialog.getByRole("option").nth(1)).toContainText(`with ${cleo.name}`);

  // Bert: his own conversation first, then the group he is in; ArrowDown and Enter open the group.
  await combo.fill(bert.name.toLowerCase());
  const options = dialog.getByRole("group", { name: "Conversations" }).getByRole("option");
  await expect(options).toHaveCount(2);
  await expect(options.nth(0)).toContainText(bert.name);
  await expect(options.nth(1)).toContainText(`with ${bert.name}`);
  await expect(dialog.getByRole("status")).toHaveText("2 matches");
  await a.page.screenshot({ path: test.info().outputPath("switcher.png") });
  await expect(combo).toHaveAttribute("aria-activedescendant", (await options.nth(0).getAttribute("id"))!);
  await combo.press("ArrowDown");
  await expect(options.nth(1)).toHaveAttribute("aria-selected", "true");
  await expect(combo).toHaveAttribute("aria-activedescendant", (await options.nth(1).getAttribute("id"))!);
  await combo.press("ArrowUp");
  await expect(options.nth(0)).toHaveAttribute("aria-selected", "true");
  // Up from the first goes round to the last.
  await combo.press("ArrowUp");
  await expect(options.nth(1)).toHaveAttribute("aria-selected", "true");
  await expect(options.nth(0)).toHaveAttribute("aria-selected", "false");
  await combo.press("Enter");
  await expect(dialog).toBeHidden();
  await expect(a.page).toHaveURL(new RegExp(`/c/${group}$`));
  await expect(a.page.getByRole("textbox", { name: "Message" })).toBeFocused();

});

test("Escape closes the switcher and gives the focus back; Tab stays in it; Enter opens the first match", async ({ browser }) => {
  const a = await personInNewContext(browser, "Alda");
  const me = await tokenFor(a.user);
  const cleo = await signUpByApi("Cleo");
  const toCleo = await createDirectByApi(me.token, cleo.id);
  await expect(a.page.getByRole("navigation", { name: "Channels" }).getByRole("link", { name: cleo.name })).toBeVisible();
  const { dialog, combo } = switcher(a.page);

  // Enter opens the first match.
  await a.page.keyboard.press("Control+k");
  await expect(combo).toBeFocused();
  await combo.fill(cleo.name);
  await combo.press("Enter");
  await expect(dialog).toBeHidden();
  await expect(a.page).toHaveURL(new RegExp(`/c/${toCleo}$`));

  // Escape closes it and the focus goes back where it was.
  const searchBox = a.page.getByRole("searchbox", { name: "Search messages" });
  await searchBox.focus();
  await a.page.keyboard.press("Control+k");
  await expect(dialog).toBeVisible();
  await combo.fill("anything");
  await a.page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(searchBox).toBeFocused();
  await expect(a.page).toHaveURL(new RegExp(`/c/${toCleo}$`));

  // The sidebar's button opens it too, and gets the focus back.
  const button = a.page.getByRole("button", { name: "Jump to conversation" });
  await button.click();
  await expect(combo).toBeFocused();
  // Tab never reaches the page behind the modal dialog.
  for (let i = 0; i < 4; i++) {
    await a.page.keyboard.press("Tab");
    const inside = await dialog.evaluate((d) => document.activeElement === document.body || d.contains(document.activeElement));
    expect(inside).toBe(true);
  }
  await combo.focus();
  await a.page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(button).toBeFocused();
});

test("choosing a person with no conversation yet starts one", async ({ browser }) => {
  const a = await personInNewContext(browser, "Dara");
  const dan = await signUpByApi("Dan");
  const nav = a.page.getByRole("navigation", { name: "Channels" });

  // Dan: no conversation with him yet; the server finds him by name.
  await a.page.keyboard.press("Control+k");
  const { dialog, combo } = switcher(a.page);
  await combo.fill(dan.name.slice(0, -1));
  const person = dialog.getByRole("group", { name: "People" }).getByRole("option", { name: dan.name });
  await expect(person).toBeVisible();
  await expect(person).toContainText("Start a conversation");
  await combo.press("Enter");
  await expect(dialog).toBeHidden();
  await expect(a.page).toHaveURL(/\/c\/[^/]+$/);
  const started = decodeURIComponent(new URL(a.page.url()).pathname.split("/")[2]!);
  await expect(nav.getByRole("link", { name: dan.name })).toBeVisible();
  await expect(a.page.getByRole("heading", { name: dan.name })).toBeVisible();
  // Dan has it too: one direct conversation, the one just started.
  const res = await fetch(new URL("/api/channels", baseURL()), { headers: { authorization: `Bearer ${dan.token}` } });
  const { channels } = (await res.json()) as { channels: { id: string; kind: string }[] };
  expect(channels.filter((c) => c.kind === "direct").map((c) => c.id)).toEqual([started]);
  // Next time he is a conversation, not a person to start one with.
  await a.page.keyboard.press("Control+k");
  await combo.fill(dan.name);
  await expect(dialog.getByRole("group", { name: "Conversations" }).getByRole("option", { name: dan.name })).toBeVisible();
  await expect(dialog.getByRole("group", { name: "People" })).toHaveCount(0);
});

test("Korean initials (초성) find a name, in the Korean UI too", async ({ browser }) => {
  const a = await personInNewContext(browser, "Gina");
  const me = await tokenFor(a.user);
  // A Korean name, found by its initial consonants.
  const kim = newUser("kim");
  kim.name = `김민지 ${kim.name.split(" ")[1]}`;
  const made = await fetch(new URL("/api/users", baseURL()), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(kim),
  });
  expect(made.status).toBe(201);
  const toKim = await createDirectByApi(me.token, (await tokenFor(kim)).id);
  await expect(a.page.getByRole("navigation", { name: "Channels" }).getByRole("link", { name: kim.name })).toBeVisible();

  await a.page.keyboard.press("Control+k");
  const { dialog, combo } = switcher(a.page);
  await combo.fill("ㄱㅁㅈ");
  await expect(dialog.getByRole("option", { name: kim.name })).toBeVisible();
  await combo.press("Enter");
  await expect(a.page).toHaveURL(new RegExp(`/c/${toKim}$`));

  // In Korean the button has a Korean name.
  await a.context.addCookies([{ name: "locale", value: "ko", url: baseURL() }]);
  await a.page.reload();
  await expect(a.page.getByRole("button", { name: "대화로 이동" })).toBeVisible();
  await a.page.keyboard.press("Control+k");
  await expect(a.page.getByRole("dialog", { name: "대화로 이동" }).getByRole("combobox", { name: "대화 또는 사람" })).toBeFocused();
  await a.page.keyboard.type("ㄱㅁ");
  await expect(a.page.getByRole("option", { name: kim.name })).toBeVisible();
  await a.page.screenshot({ path: test.info().outputPath("switcher-ko.png") });
});

test("the tab's title shows the unread count, and drops it once read", async ({ browser }) => {
  const a = await personInNewContext(browser, "Erin");
  const me = await tokenFor(a.user);
  const fay = await signUpByApi("Fay");
  const channel = await createDirectByApi(fay.token, me.id);
  const link = a.page.getByRole("navigation", { name: "Channels" }).getByRole("link", { name: fay.name });
  await expect(link).toBeVisible();
  await expect(a.page).toHaveTitle("Chat");

  await seedMessages(channel, [fay.token], 3, (i) => `note ${i}`);
  await expect(a.page).toHaveTitle("(3) Chat");
  await expect(link).toHaveAccessibleName(/3 unread/);

  await link.click();
  await expect(a.page.getByRole("log").getByText("note 3")).toBeVisible();
  // The open conversation names itself in the title; no count is left in front.
  await expect(a.page).toHaveTitle(`${fay.name} · Chat`);
  await expect(link).not.toHaveAccessibleName(/unread/);
});
