import { expect, test } from "./fixtures";
import { personInNewContext, send, startConversation } from "./helpers";

test("typing shows for the other person and clears; presence of a direct peer", async ({ browser }) => {
  const a = await personInNewContext(browser, "Jae");
  const b = await personInNewContext(browser, "Kim");
  await startConversation(a.page, [b.user]);

  // Kim is connected: online, in words and in the channel list.
  const head = a.page.locator(".conversation-head");
  await expect(head.getByText("online", { exact: true })).toBeVisible();
  await expect(a.page.getByRole("navigation", { name: "Channels" }).getByRole("link", { name: b.user.name })).toHaveAccessibleName(
    /online/,
  );

  await b.page.getByRole("navigation", { name: "Channels" }).getByRole("link", { name: a.user.name }).click();
  const bBox = b.page.getByRole("textbox", { name: "Message" });
  const typing = a.page.getByRole("status").filter({ hasText: "is typing" });

  // Typing, then stopping: shown, then gone a few seconds later.
  await bBox.pressSequentially("hel");
  await expect(typing).toHaveText(`${b.user.name} is typing…`);
  await expect(typing).toHaveCount(0, { timeout: 9_000 });
  // Nobody types on Kim's side.
  await expect(b.page.getByRole("status").filter({ hasText: "is typing" })).toHaveCount(0);

  // Typing, then sending: gone as the message arrives.
  await bBox.pressSequentially("lo there");
  await expect(typing).toBeVisible();
  await bBox.press("Enter");
  await expect(a.page.getByRole("log").getByText("hello there")).toBeVisible();
  await expect(typing).toHaveCount(0, { timeout: 2_000 });

  // Kim's both ways: Jae typing shows on Kim's screen.
  await a.page.getByRole("textbox", { name: "Message" }).pressSequentially("hi");
  await expect(b.page.getByRole("status").filter({ hasText: `${a.user.name} is typing…` })).toBeVisible();
  await send(a.page, "hi");

  // Kim leaves: "last seen …" once the grace period is over.
  await b.context.close();
  await expect(head.getByText(/^last seen /)).toBeVisible({ timeout: 20_000 });
  await expect(head.getByText("online", { exact: true })).toHaveCount(0);

  await a.context.close();
});
