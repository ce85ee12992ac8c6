import { expect, test } from "./fixtures";
import { expectDeviceMatchesServer } from "./device";
import { personInNewContext, send, startConversation, tokenFor } from "./helpers";

test("the Members dialog: rename, remove, add back, refusals, leave", async ({ browser }) => {
  const a = await personInNewContext(browser, "Lia");
  const b = await personInNewContext(browser, "Max");
  const c = await personInNewContext(browser, "Noa");
  const group = `Crew ${Date.now().toString(36)}`;
  const renamed = `${group} renamed`;

  await startConversation(a.page, [b.user, c.user], group);
  await send(a.page, "welcome");
  for (const other of [b, c]) {
    await other.page.getByRole("navigation", { name: "Channels" }).getByRole("link", { name: group }).click();
    await expect(other.page.getByRole("log").getByText("welcome")).toBeVisible();
  }

  // Lia (the owner) opens Members: everyone is listed.
  await a.page.getByRole("button", { name: "Members" }).click();
  const dialog = a.page.getByRole("dialog", { name: "Members" });
  await expect(dialog).toBeVisible();
  const list = dialog.getByRole("region", { name: "Group members" });
  for (const u of [a.user, b.user, c.user]) await expect(list.getByText(u.name)).toBeVisible();

  // Rename: everyone sees the new name.
  await dialog.getByRole("textbox", { name: "Group name" }).fill(renamed);
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(b.page.getByRole("heading", { name: renamed })).toBeVisible();
  await expect(c.page.getByRole("navigation", { name: "Channels" }).getByRole("link", { name: renamed })).toBeVisible();

  // Remove Noa: the group leaves her list and her screen.
  await dialog.getByRole("button", { name: `Remove ${c.user.name}` }).click();
  await expect(list.getByText(c.user.name)).toHaveCount(0);
  await expect(c.page.getByRole("navigation", { name: "Channels" }).getByRole("link", { name: renamed })).toHaveCount(0);
  await expect(c.page).toHaveURL(/\/c$/);
  await expect(b.page.getByText("2 members")).toBeVisible();

  // Add her back with the People combobox.
  const people = dialog.getByRole("combobox", { name: "People" });
  await people.fill(c.user.name.slice(0, -2));
  await dialog.getByRole("option", { name: c.user.name }).click();
  await dialog.getByRole("button", { name: "Add", exact: true }).click();
  await expect(list.getByText(c.user.name)).toBeVisible();
  await expect(c.page.getByRole("navigation", { name: "Channels" }).getByRole("link", { name: renamed })).toBeVisible();
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toBeHidden();

  // Max is a plain member: once the roles are shown, he is offered no "Remove" (the server would
  // refuse it too: tests/integration/groups.test.ts).
  await b.page.getByRole("button", { name: "Members" }).click();
  const bDialog = b.page.getByRole("dialog", { name: "Members" });
  await expect(bDialog.getByText("Owner", { exact: true })).toBeVisible();
  await expect(bDialog.getByRole("button", { name: `Remove ${a.user.name}` })).toHaveCount(0);
  // Max leaves: the group goes from his list and he is back at the list.
  await bDialog.getByRole("button", { name: "Leave group" }).click();
  await bDialog.getByRole("button", { name: "Leave", exact: true }).click();
  await expect(b.page).toHaveURL(/\/c$/);
  await expect(b.page.getByRole("navigation", { name: "Channels" }).getByRole("link", { name: renamed })).toHaveCount(0);
  await expect(a.page.getByText("2 members")).toBeVisible();

  // Lia, the last owner, cannot leave Noa behind without one: the server says why.
  await a.page.getByRole("button", { name: "Members" }).click();
  await dialog.getByRole("button", { name: "Leave group" }).click();
  await dialog.getByRole("button", { name: "Leave", exact: true }).click();
  await expect(dialog.getByRole("alert")).toContainText("last owner");
  await expect(a.page.getByRole("heading", { name: renamed })).toBeVisible();

  // Each device holds what the server says: the group gone from Max's, renamed, members as now.
  for (const p of [a, b, c]) await expectDeviceMatchesServer(p.page, await tokenFor(p.user));
  for (const p of [a, b, c]) await p.context.close();
});
