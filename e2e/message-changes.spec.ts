// Messages that change, between two people and a third device: replies, edits, deletes,
// reactions and read receipts, with one device offline while they happen (and making changes of
// its own, which wait in its outbox); back online, every device's IndexedDB equals the server's.
import type { BrowserContext, Locator, Page } from "@playwright/test";
import { io } from "socket.io-client";
import type { Ack } from "../lib/contract/errors";
import type { Message } from "../lib/contract/models";
import { expect, test } from "./fixtures";
import { expectDeviceMatchesServer } from "./device";
import { baseURL, createDirectByApi, createGroupByApi, personInNewContext, seedMessages, send, signUpByApi, tokenFor } from "./helpers";

const nav = (page: Page) => page.getByRole("navigation", { name: "Channels" });
const log = (page: Page) => page.getByRole("log");
const row = (page: Page, text: string) => log(page).locator(".message", { hasText: text });
const offlineBanner = (page: Page) => page.getByRole("status").filter({ hasText: "You are offline" });
const shots = process.env.SCREENSHOTS ? "tmp/screenshots" : null;

/** The same user's second device: signed in (cookies), nothing stored yet. */
async function secondDevice(context: BrowserContext) {
  const other = await context.browser()!.newContext({ storageState: await context.storageState() });
  const page = await other.newPage();
  await page.goto("/c");
  await expect(nav(page)).toBeVisible();
  return { context: other, page };
}

async function openConversation(page: Page, name: string) {
  await nav(page).getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
}

/** Chooses an emoji from the message's "Add reaction" picker. */
async function reactTo(message: Locator, emoji: string) {
  await message.hover();
  await message.getByRole("button", { name: "Add reaction" }).click();
  const picker = message.page().getByRole("dialog", { name: "Add reaction" });
  await picker.getByRole("button", { name: emoji, exact: true }).first().click();
  await expect(picker).toBeHidden();
}

async function moreAction(message: Locator, action: string) {
  await message.hover();
  await message.getByRole("button", { name: "More actions" }).click();
  await message.getByRole("menuitem", { name: action }).click();
}

test("reply, edit, delete, react and read receipts reach every device, one of them offline meanwhile", async ({ browser }) => {
  test.setTimeout(120_000);
  const ann = await personInNewContext(browser, "Ann");
  const ben = await personInNewContext(browser, "Ben");
  const annAuth = await tokenFor(ann.user);
  const benAuth = await tokenFor(ben.user);
  // A member who reads nothing: messages stay unread by one.
  const cal = await signUpByApi("Cal");
  const group = `Plans ${Date.now().toString(36)}`;
  await createGroupByApi(annAuth.token, group, [benAuth.id, cal.id]);
  const annPhone = await secondDevice(ann.context);
  for (const p of [ann.page, ben.page, annPhone.page]) await openConversation(p, group);

  await send(ben.page, "first from Ben");
  await send(ben.page, "oops, wrong chat");
  await send(ann.page, "hello *world*, see https://example.com/plan");
  await send(ann.page, "Ann's second");
  for (const p of [ann.page, ben.page, annPhone.page]) await expect(row(p, "Ann's second")).toBeVisible();

  // Formatting: emphasis and a link that opens in a new tab, never an opener.
  const link = row(ben.page, "hello").getByRole("link", { name: "https://example.com/plan" });
  await expect(link).toHaveAttribute("href", "https://example.com/plan");
  await expect(link).toHaveAttribute("target", "_blank");
  await expect(link).toHaveAttribute("rel", "noopener noreferrer");
  await expect(row(ben.page, "hello").locator("em")).toHaveText("world");

  // Read receipts: Ben has read Ann's messages, Cal has not.
  await expect(row(ann.page, "Ann's second").locator(".message-receipt [aria-hidden]")).toHaveText("1");
  await expect(row(ann.page, "Ann's second").locator(".message-receipt")).toContainText("Not read yet by 1");

  await annPhone.context.setOffline(true);
  await expect(offlineBanner(annPhone.page)).toBeVisible();

  // Reply: the quote of Ben's message, on both sides.
  await row(ann.page, "first from Ben").hover();
  await row(ann.page, "first from Ben").getByRole("button", { name: "Reply" }).click();
  await expect(ann.page.getByText("Replying to")).toBeVisible();
  await send(ann.page, "a reply to Ben");
  for (const p of [ann.page, ben.page]) {
    await expect(row(p, "a reply to Ben").locator(".reply-quote")).toContainText("first from Ben");
    await expect(row(p, "a reply to Ben").locator(".reply-quote")).toContainText(ben.user.name);
  }

  // Edit: Up in the empty composer edits Ann's last message.
  const box = ann.page.getByRole("textbox", { name: "Message" });
  await box.press("ArrowUp");
  const edit = ann.page.getByRole("textbox", { name: "Edit message" });
  await expect(edit).toHaveValue("a reply to Ben");
  await edit.fill("a reply to Ben, edited");
  await edit.press("Enter");
  for (const p of [ann.page, ben.page]) await expect(row(p, "a reply to Ben, edited")).toContainText("(edited)");

  // Reactions: Ben reacts; Ann sees the emoji with its count and who.
  await reactTo(row(ben.page, "hello"), "👍");
  const thumbs = row(ann.page, "hello").getByRole("button", { name: /👍\s*1/ });
  await expect(thumbs).toBeVisible();
  await expect(thumbs).toHaveAttribute("aria-pressed", "false");
  await expect(thumbs).toHaveAccessibleDescription(new RegExp(ben.user.name));
  // Ann adds hers by clicking it: two.
  await thumbs.click();
  await expect(row(ben.page, "hello").getByRole("button", { name: /👍\s*2/ })).toBeVisible();

  // Delete: Ann owns the group and deletes Ben's message; the tombstone shows everywhere.
  await moreAction(row(ann.page, "oops, wrong chat"), "Delete");
  await ann.page.getByRole("dialog", { name: "Delete message?" }).getByRole("button", { name: "Delete" }).click();
  for (const p of [ann.page, ben.page]) {
    await expect(log(p).getByText("oops, wrong chat")).toHaveCount(0);
    await expect(log(p).getByText("This message was deleted")).toHaveCount(1);
  }
  // Ben cannot edit Ann's message (no "Edit" for it) but may delete his own.
  await row(ben.page, "Ann's second").hover();
  await row(ben.page, "Ann's second").getByRole("button", { name: "More actions" }).click();
  await expect(row(ben.page, "Ann's second").getByRole("menuitem", { name: "Reply" })).toBeVisible();
  await expect(row(ben.page, "Ann's second").getByRole("menuitem", { name: "Edit" })).toHaveCount(0);
  await expect(row(ben.page, "Ann's second").getByRole("menuitem", { name: "Delete" })).toHaveCount(0);
  await ben.page.keyboard.press("Escape");

  // The offline device has seen none of it, and makes changes of its own: they wait.
  await expect(row(annPhone.page, "oops, wrong chat")).toBeVisible();
  await reactTo(row(annPhone.page, "first from Ben"), "🎉");
  await expect(row(annPhone.page, "first from Ben").getByRole("button", { name: /🎉\s*1/ })).toBeVisible();
  await moreAction(row(annPhone.page, "Ann's second"), "Edit");
  const phoneEdit = annPhone.page.getByRole("textbox", { name: "Edit message" });
  await phoneEdit.fill("Ann's second, fixed offline");
  await phoneEdit.press("Enter");
  await expect(row(annPhone.page, "fixed offline")).toContainText("Change not sent yet");
  await ann.page.waitForTimeout(500);
  await expect(row(ben.page, "first from Ben").getByRole("button", { name: /🎉/ })).toHaveCount(0);

  if (shots) {
    for (const [p, name] of [
      [ann.page, "changes-1280"],
      [annPhone.page, "changes-offline-1280"],
    ] as const) {
      await p.screenshot({ path: `${shots}/${name}.png` });
    }
  }

  // Back online: it catches up on every change, and sends its own, once, in order.
  await annPhone.context.setOffline(false);
  await expect(offlineBanner(annPhone.page)).toBeHidden();
  await expect(log(annPhone.page).getByText("This message was deleted")).toBeVisible();
  await expect(row(annPhone.page, "a reply to Ben, edited")).toContainText("(edited)");
  await expect(row(annPhone.page, "hello").getByRole("button", { name: /👍\s*2/ })).toBeVisible();
  for (const p of [ann.page, ben.page]) {
    await expect(row(p, "first from Ben").getByRole("button", { name: /🎉\s*1/ })).toBeVisible();
    await expect(row(p, "Ann's second, fixed offline")).toContainText("(edited)");
  }

  await expectDeviceMatchesServer(annPhone.page, annAuth);
  await expectDeviceMatchesServer(ann.page, annAuth);
  await expectDeviceMatchesServer(ben.page, benAuth);

  // The quote opens the message it answers (its permalink), highlighted.
  await row(ben.page, "a reply to Ben").locator(".reply-quote").click();
  await expect(ben.page).toHaveURL(/\/m\/\d+$/);
  await expect(log(ben.page).locator('[aria-current="true"]')).toContainText("first from Ben");

  // A reload shows the same, from the device and the server.
  await annPhone.page.reload();
  await expect(row(annPhone.page, "Ann's second, fixed offline")).toContainText("(edited)");
  await expect(log(annPhone.page).getByText("This message was deleted")).toBeVisible();

  if (shots) {
    await row(ann.page, "a reply to Ben").hover();
    await row(ann.page, "a reply to Ben").getByRole("button", { name: "More actions" }).click();
    await ann.page.screenshot({ path: `${shots}/changes-menu-1280.png` });
    await ann.page.keyboard.press("Escape");
    await moreAction(row(ann.page, "a reply to Ben"), "Delete");
    await ann.page.screenshot({ path: `${shots}/changes-delete-1280.png` });
    await ann.page.keyboard.press("Escape");
    await ben.page.setViewportSize({ width: 390, height: 844 });
    await ben.page.screenshot({ path: `${shots}/changes-390.png` });
    await row(ben.page, "hello").click();
    await row(ben.page, "hello").getByRole("button", { name: "Add reaction" }).click();
    await ben.page.screenshot({ path: `${shots}/changes-picker-390.png` });
    await ben.page.keyboard.press("Escape");
  }
  for (const c of [ann.context, ben.context, annPhone.context]) await c.close();
});

test("a direct conversation shows Seen under the last message read, unless receipts are turned off", async ({ browser }) => {
  const ann = await personInNewContext(browser, "Ada");
  const ben = await personInNewContext(browser, "Bo");
  const annAuth = await tokenFor(ann.user);
  const benAuth = await tokenFor(ben.user);
  await createDirectByApi(annAuth.token, benAuth.id);
  await openConversation(ann.page, ben.user.name);
  await send(ann.page, "are you there?");
  await expect(row(ann.page, "are you there?")).toBeVisible();
  await expect(log(ann.page).getByText("Seen", { exact: true })).toHaveCount(0);

  await openConversation(ben.page, ann.user.name);
  await expect(row(ben.page, "are you there?")).toBeVisible();
  await expect(row(ann.page, "are you there?").getByText("Seen", { exact: true })).toBeVisible();

  // Reacting by keyboard alone: the picker takes arrow keys and Enter, and gives focus back.
  const question = row(ben.page, "are you there?");
  await question.getByRole("button", { name: "Add reaction" }).focus();
  await ben.page.keyboard.press("Enter");
  const picker = ben.page.getByRole("dialog", { name: "Add reaction" });
  await expect(picker.getByRole("button", { name: "👍", exact: true })).toBeFocused();
  await ben.page.keyboard.press("ArrowRight");
  await ben.page.keyboard.press("Enter");
  await expect(picker).toBeHidden();
  await expect(question.getByRole("button", { name: "Add reaction" })).toBeFocused();
  await expect(question.getByRole("button", { name: /❤️\s*1/ })).toHaveAttribute("aria-pressed", "true");
  // Any other emoji, typed; something that is not one emoji is refused with a reason.
  await ben.page.keyboard.press("Enter");
  await picker.getByRole("textbox", { name: "Any emoji" }).fill("not an emoji");
  await picker.getByRole("textbox", { name: "Any emoji" }).press("Enter");
  await expect(picker.getByRole("alert")).toHaveText("Type or paste one emoji");
  await picker.getByRole("textbox", { name: "Any emoji" }).fill("🦄");
  await picker.getByRole("textbox", { name: "Any emoji" }).press("Enter");
  await expect(row(ann.page, "are you there?").getByRole("button", { name: /🦄\s*1/ })).toHaveAccessibleDescription(
    new RegExp(ben.user.name),
  );
  // The recent row now offers them first.
  await question.getByRole("button", { name: "Add reaction" }).click();
  await expect(picker.getByRole("group", { name: "Recent" }).getByRole("button")).toHaveText(["🦄", "❤️"]);
  await ben.page.keyboard.press("Escape");
  await expect(picker).toBeHidden();

  // Ben turns read receipts off: after that, Ann sees no "Seen" from him.
  await ben.page.getByRole("button", { name: "Settings" }).click();
  const receipts = ben.page.getByRole("checkbox", { name: "Send read receipts" });
  await expect(receipts).toBeChecked();
  await receipts.uncheck();
  await expect(receipts).not.toBeChecked();
  await ben.page.getByRole("dialog", { name: "Settings" }).getByRole("button", { name: "Close" }).click();
  await send(ann.page, "still there?");
  await expect(row(ben.page, "still there?")).toBeVisible();
  await ann.page.reload();
  await expect(row(ann.page, "still there?")).toBeVisible();
  await expect(log(ann.page).getByText("Seen", { exact: true })).toHaveCount(0);

  await expectDeviceMatchesServer(ann.page, annAuth);
  await expectDeviceMatchesServer(ben.page, benAuth);
  await ann.context.close();
  await ben.context.close();
});

test("a reply's quote shows the original when it is far back in history, and opens it there", async ({ browser }) => {
  const ann = await personInNewContext(browser, "Eve");
  const annAuth = await tokenFor(ann.user);
  const bob = await signUpByApi("Fay");
  // Several senders, so that none goes over the per-user message rate.
  const helpers = await Promise.all(["Gus", "Hal"].map((n) => signUpByApi(n)));
  const group = `Archive ${Date.now().toString(36)}`;
  const channelId = await createGroupByApi(bob.token, group, helpers.map((h) => h.id));
  await seedMessages(channelId, [bob.token], 1, () => "the very first message");
  await seedMessages(channelId, helpers.map((h) => h.token), 120, (i) => `filler ${i}`);
  // Bob answers message 1 from a script.
  const socket = io(baseURL(), { auth: { token: bob.token }, transports: ["websocket"], forceNew: true });
  try {
    const ack = (await socket
      .timeout(10_000)
      .emitWithAck("message:send", { channelId, clientMsgId: "reply-far", body: "answering the first", replyTo: 1 })) as Ack<{ message: Message }>;
    expect(ack.ok).toBe(true);
  } finally {
    socket.disconnect();
  }
  // Ann joins now: her device starts at the newest messages (the start is read page by page).
  const added = await fetch(new URL(`/api/channels/${channelId}/members`, baseURL()), {
    method: "POST",
    headers: { authorization: `Bearer ${bob.token}`, "content-type": "application/json" },
    body: JSON.stringify({ userIds: [annAuth.id] }),
  });
  expect(added.status).toBe(200);

  await openConversation(ann.page, group);
  const reply = row(ann.page, "answering the first");
  await expect(reply).toBeVisible();
  // Message 1 is not among the pages loaded; the quote fetches it.
  await expect(log(ann.page).locator('.message[data-seq="1"]')).toHaveCount(0);
  await expect(reply.locator(".reply-quote")).toContainText("the very first message");
  await expect(reply.locator(".reply-quote")).toContainText(bob.name);
  await reply.locator(".reply-quote").click();
  await expect(ann.page).toHaveURL(new RegExp(`/c/${channelId}/m/1$`));
  await expect(log(ann.page).locator('[aria-current="true"]')).toContainText("the very first message");
  await expectDeviceMatchesServer(ann.page, annAuth);
  await ann.context.close();
});
