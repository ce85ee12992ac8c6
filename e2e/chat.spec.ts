import { expect, test } from "./fixtures";
import { expectDeviceMatchesServer } from "./device";
import { personInNewContext, send, startConversation, tokenFor } from "./helpers";

test("two people chat in a direct conversation, live and after a reload", async ({ browser }) => {
  const a = await personInNewContext(browser, "Alice");
  const b = await personInNewContext(browser, "Bob");

  await startConversation(a.page, [b.user]);
  await expect(a.page.getByRole("heading", { name: b.user.name })).toBeVisible();

  const html = "hello <b>bob</b>\nsecond line";
  await send(a.page, html);
  const aLog = a.page.getByRole("log");
  const sent = aLog.getByText("hello <b>bob</b>");
  // Shown literally, as text, with its line break.
  await expect(sent).toBeVisible();
  expect(await sent.innerText()).toBe(html);
  await expect(aLog).not.toContainText("Sending…");

  // Bob: the conversation appears without a reload, unread.
  const bNav = b.page.getByRole("navigation", { name: "Channels" });
  const toAlice = bNav.getByRole("link", { name: a.user.name });
  await expect(toAlice).toBeVisible();
  await expect(toAlice).toHaveAccessibleName(/1 unread/);
  await toAlice.click();
  const bLog = b.page.getByRole("log");
  const received = bLog.getByText("hello <b>bob</b>");
  await expect(received).toBeVisible();
  expect(await received.innerText()).toBe(html);
  await expect(bLog).toContainText(a.user.name);
  // Opened and seen: no longer unread.
  await expect(toAlice).not.toHaveAccessibleName(/unread/);

  await send(b.page, "hi Alice!");
  await expect(b.page.getByRole("log").getByText("hi Alice!")).toBeVisible();
  await expect(aLog.getByText("hi Alice!")).toBeVisible();

  // Both messages survived: they come back from the server after a reload.
  await a.page.reload();
  const reloaded = a.page.getByRole("log");
  await expect(reloaded.getByText("hello <b>bob</b>")).toBeVisible();
  await expect(reloaded.getByText("hi Alice!")).toBeVisible();
  expect(await reloaded.getByText("hello <b>bob</b>").innerText()).toBe(html);
  await expect(a.page.getByRole("navigation", { name: "Channels" }).getByRole("link", { name: b.user.name })).toBeVisible();

  await expectDeviceMatchesServer(a.page, await tokenFor(a.user));
  await expectDeviceMatchesServer(b.page, await tokenFor(b.user));
  await a.context.close();
  await b.context.close();
});

test("three people: a group shows up for everyone and carries messages", async ({ browser }) => {
  const a = await personInNewContext(browser, "Ana");
  const b = await personInNewContext(browser, "Ben");
  const c = await personInNewContext(browser, "Cleo");
  const group = `Trip ${Date.now().toString(36)}`;

  await startConversation(a.page, [b.user, c.user], group);
  await expect(a.page.getByRole("heading", { name: group })).toBeVisible();
  await send(a.page, "Who brings the map?");

  for (const other of [b, c]) {
    const link = other.page.getByRole("navigation", { name: "Channels" }).getByRole("link", { name: group });
    await expect(link).toBeVisible();
    await link.click();
    await expect(other.page.getByRole("log").getByText("Who brings the map?")).toBeVisible();
  }
  await send(c.page, "I do.");
  await expect(a.page.getByRole("log").getByText("I do.")).toBeVisible();
  await expect(b.page.getByRole("log").getByText("I do.")).toBeVisible();

  for (const p of [a, b, c]) await p.context.close();
});

test("the composer sends on Enter, keeps Shift+Enter lines, and refuses blank or too long text", async ({ browser }) => {
  const a = await personInNewContext(browser, "Dana");
  const b = await personInNewContext(browser, "Eli");
  await b.context.close();
  await startConversation(a.page, [b.user]);

  const box = a.page.getByRole("textbox", { name: "Message" });
  await box.fill("   ");
  await box.press("Enter");
  await expect(a.page.getByRole("log")).toContainText("No messages yet");
  await expect(box).toHaveValue("   ");

  await box.fill("");
  await box.pressSequentially("alpha");
  await box.press("Shift+Enter");
  await box.pressSequentially("omega");
  await expect(box).toHaveValue("alpha\nomega");
  await a.page.getByRole("button", { name: "Send" }).click();
  const msg = a.page.getByRole("log").getByText("alpha");
  await expect(msg).toBeVisible();
  expect(await msg.innerText()).toBe("alpha\nomega");

  await box.fill("x".repeat(4001));
  await box.press("Enter");
  await expect(a.page.getByText("Too long to send")).toBeVisible();
  await expect(box).toHaveValue("x".repeat(4001));

  await a.context.close();
});
