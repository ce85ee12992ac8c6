import { expect, test } from "./fixtures";
import { baseURL, openChannelId, personInNewContext, send, startConversation } from "./helpers";

test("a mention, found by its person in Mentions and by search, opens at its permalink", async ({ browser }) => {
  // Three people signing up (argon2 twice each) and three browsers on a 2-core machine.
  test.setTimeout(120_000);
  const a = await personInNewContext(browser, "Ana");
  // Ben copies a link: his browser lets the page use the clipboard.
  const b = await personInNewContext(browser, "Ben", { permissions: ["clipboard-read", "clipboard-write"] });
  const c = await personInNewContext(browser, "Cleo");
  const group = `Plans ${Date.now().toString(36)}`;

  await startConversation(a.page, [b.user, c.user], group);
  await expect(a.page.getByRole("heading", { name: group })).toBeVisible();
  const channelId = openChannelId(a.page);
  await send(a.page, "Morning, everyone");
  for (const other of [b, c]) {
    await other.page.getByRole("navigation", { name: "Channels" }).getByRole("link", { name: group }).click();
    await expect(other.page.getByRole("log").getByText("Morning, everyone")).toBeVisible();
  }
  await send(b.page, "Hi Ana");
  await send(c.page, "Hello hello");
  await expect(a.page.getByRole("log").getByText("Hello hello")).toBeVisible();

  // Ana mentions Ben with the autocomplete: "@" and part of his name, then the option.
  const box = a.page.getByRole("textbox", { name: "Message" });
  await box.pressSequentially("내일 회의는 3시, @Be");
  const list = a.page.getByRole("listbox", { name: "Mention someone" });
  await expect(list.getByRole("option")).toHaveCount(1);
  await expect(list.getByRole("option", { name: b.user.name })).toBeVisible();
  await box.press("Enter");
  await expect(list).toBeHidden();
  await expect(box).toHaveValue(`내일 회의는 3시, @${b.user.name} `);
  await box.pressSequentially("can you book a room?");
  await box.press("Enter");
  await expect(box).toHaveValue("");
  const body = `내일 회의는 3시, @${b.user.name} can you book a room?`;

  // Escape closes the list without writing anything.
  await box.pressSequentially("@Cl");
  await expect(list.getByRole("option", { name: c.user.name })).toBeVisible();
  await box.press("Escape");
  await expect(list).toBeHidden();
  await box.fill("");

  // Ben sees it marked as mentioning him; Cleo sees it plain.
  const bRow = b.page.getByRole("log").locator(".message", { hasText: "회의는" });
  await expect(bRow).toHaveClass(/mentions-me/);
  await expect(bRow.locator(".mention.mine")).toHaveText(`@${b.user.name}`);
  const cRow = c.page.getByRole("log").locator(".message", { hasText: "회의는" });
  await expect(cRow).toBeVisible();
  await expect(cRow).not.toHaveClass(/mentions-me/);

  // It is in Ben's Mentions.
  await b.page.getByRole("button", { name: "Mentions" }).click();
  const mentions = b.page.getByRole("region", { name: "Mentions" });
  const mentioned = mentions.getByRole("link").filter({ hasText: "회의는" });
  await expect(mentioned).toBeVisible();
  await expect(mentioned).toContainText(group);
  await expect(mentioned).toContainText(a.user.name);

  // Search finds it by a Korean word inside a longer one, marked; the result opens its permalink.
  await b.page.getByRole("searchbox", { name: "Search messages" }).fill("회의");
  const results = b.page.getByRole("region", { name: "Search results" });
  const hit = results.getByRole("link").filter({ hasText: "can you book a room?" });
  await expect(hit).toBeVisible();
  await expect(hit.locator("mark")).toHaveText(["회의"]);
  await expect(hit).toContainText(group);
  await expect(hit).toContainText(a.user.name);
  await hit.click();
  await expect(b.page).toHaveURL(new RegExp(`/c/${channelId}/m/\\d+$`));
  const seq = Number(new URL(b.page.url()).pathname.split("/").at(-1));
  const current = b.page.getByRole("log").locator('[aria-current="true"]');
  await expect(current).toHaveCount(1);
  await expect(current).toHaveClass(/highlighted/);
  expect(await current.locator(".message-body").innerText()).toBe(body);

  // "This conversation only" keeps the result (it is in this conversation).
  await results.getByRole("checkbox", { name: "This conversation only" }).check();
  await expect(hit).toBeVisible();

  // "Copy link" puts the permalink on the clipboard.
  await current.hover();
  await current.getByRole("button", { name: "More actions" }).click();
  await current.getByRole("menuitem", { name: "Copy link" }).click();
  await expect(b.page.getByRole("status").filter({ hasText: "Link copied" })).toBeVisible();
  const copied = await b.page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(`${baseURL()}/c/${channelId}/m/${seq}`);

  // The link opens the same message, highlighted, for another member.
  await c.page.goto(copied);
  const cCurrent = c.page.getByRole("log").locator('[aria-current="true"]');
  await expect(cCurrent).toHaveClass(/highlighted/);
  await expect(cCurrent).toContainText("can you book a room?");
  await expect(cCurrent).toBeInViewport();

  // A message that does not exist says so.
  await c.page.goto(`/c/${channelId}/m/99999`);
  await expect(c.page.getByText("Message not found")).toBeVisible();
  await expect(c.page.getByRole("log").getByText("Hello hello")).toBeVisible();

  for (const p of [a, b, c]) await p.context.close();
});
