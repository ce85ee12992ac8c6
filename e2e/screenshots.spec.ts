// Pictures of the main screens for a human to look at (not a check): SCREENSHOTS=1 npx playwright
// test e2e/screenshots.spec.ts writes them to tmp/screenshots/ (light theme) and
// tmp/screenshots/dark/ (the device asking for dark: `colorScheme`, which every context inherits).
import { expect, test } from "./fixtures";
import {
  createDirectByApi,
  newUser,
  openChannelId,
  personInNewContext,
  seedMessages,
  send,
  signUp,
  signUpByApi,
  startConversation,
  tokenFor,
} from "./helpers";

for (const scheme of ["light", "dark"] as const) {
  test.describe(scheme, () => {
    test.use({ colorScheme: scheme });
    const dir = scheme === "light" ? "tmp/screenshots" : "tmp/screenshots/dark";

    test("screens", async ({ browser }) => {
      const a = await personInNewContext(browser, "Ana");
      const b = await personInNewContext(browser, "Ben");
      const c = await personInNewContext(browser, "Cleo");
      const group = "Weekend trip";
      await startConversation(a.page, [b.user, c.user], group);
      const channelId = openChannelId(a.page);
      const [at, bt, ct] = await Promise.all([tokenFor(a.user), tokenFor(b.user), tokenFor(c.user)]);
      const lines = [
        "Who is bringing the tent?",
        "I can, but I need help carrying the stove",
        `@${b.user.name} can you check the train times for the meeting point?`,
        "Sure, the 8:10 train gets there at 9:30",
        "Let's meet at the station then. Planning meeting tomorrow?",
        "Works for me",
      ];
      await seedMessages(channelId, [at.token, bt.token, ct.token], lines.length, (i) => lines[i - 1]!);
      await startConversation(b.page, [a.user]);
      await send(b.page, "See you at the meeting");
      await b.page.getByRole("navigation", { name: "Channels" }).getByRole("link", { name: group }).click();
      await expect(b.page.getByRole("log").getByText("Works for me")).toBeVisible();
      await c.page.getByRole("navigation", { name: "Channels" }).getByRole("link", { name: group }).click();
      await c.page.getByRole("textbox", { name: "Message" }).pressSequentially("typing something");

      await b.page.getByRole("searchbox", { name: "Search messages" }).fill("meeting");
      await expect(b.page.getByRole("region", { name: "Search results" }).getByRole("link")).toHaveCount(3);
      await b.page.getByRole("log").locator(".message").nth(2).hover();
      await b.page.screenshot({ path: `${dir}/search-results.png` });

      await b.page.getByRole("region", { name: "Search results" }).getByRole("link").first().click();
      await expect(b.page.getByRole("log").locator('[aria-current="true"]')).toBeVisible();
      await b.page.waitForTimeout(1800);
      await b.page.screenshot({ path: `${dir}/permalink.png` });

      await b.page.getByRole("button", { name: "Mentions" }).click();
      await expect(b.page.getByRole("region", { name: "Mentions" }).getByRole("link")).toHaveCount(1);
      await b.page.screenshot({ path: `${dir}/mentions.png` });

      await a.page.getByRole("button", { name: "Members" }).click();
      await expect(a.page.getByRole("dialog", { name: "Members" })).toBeVisible();
      await a.page.screenshot({ path: `${dir}/members-dialog.png` });

      const phone = await browser.newContext({ viewport: { width: 390, height: 780 }, storageState: await b.context.storageState() });
      const p = await phone.newPage();
      await p.goto(`/c/${channelId}`);
      await expect(p.getByRole("log").getByText("Works for me")).toBeVisible();
      await p.screenshot({ path: `${dir}/phone-conversation.png` });
      await p.getByRole("textbox", { name: "Message" }).pressSequentially("@An");
      await expect(p.getByRole("option", { name: a.user.name })).toBeVisible();
      await p.screenshot({ path: `${dir}/phone-mention.png` });
      await p.goto("/c");
      await expect(p.getByRole("navigation", { name: "Channels" }).getByRole("link", { name: a.user.name })).toBeVisible();
      await p.screenshot({ path: `${dir}/phone-list.png` });
      await p.getByRole("searchbox", { name: "Search messages" }).fill("train");
      await expect(p.getByRole("region", { name: "Search results" }).getByRole("link")).toHaveCount(2);
      await p.screenshot({ path: `${dir}/phone-search.png` });

      for (const ctx of [a.context, b.context, c.context, phone]) await ctx.close();
    });

    test("replies, edits, deletes, reactions, read receipts and formatting", async ({ browser }) => {
      const a = await personInNewContext(browser, "Ana");
      const b = await personInNewContext(browser, "Ben");
      const cleo = await signUpByApi("Cleo");
      const [at, bt] = await Promise.all([tokenFor(a.user), tokenFor(b.user)]);
      const group = "Release notes";
      const res = await fetch(new URL("/api/channels", a.page.url()), {
        method: "POST",
        headers: { authorization: `Bearer ${at.token}`, "content-type": "application/json" },
        body: JSON.stringify({ kind: "group", name: group, memberIds: [bt.id, cleo.id] }),
      });
      const channelId = ((await res.json()) as { channel: { id: string } }).channel.id;
      await seedMessages(channelId, [bt.token], 2, (i) => ["Is the **release** ready? Notes at https://example.com/notes", "wrong window, sorry"][i - 1]!);
      for (const p of [a.page, b.page]) {
        await p.goto(`/c/${channelId}`);
        await expect(p.getByRole("log").getByText("wrong window")).toBeVisible();
      }
      const first = a.page.getByRole("log").locator(".message", { hasText: "Is the" });
      await first.hover();
      await first.getByRole("button", { name: "Reply" }).click();
      await send(a.page, "Almost: run `npm test` first\n```\nnpm run build\n```");
      const wrong = b.page.getByRole("log").locator(".message", { hasText: "wrong window" });
      await wrong.hover();
      await wrong.getByRole("button", { name: "More actions" }).click();
      await wrong.getByRole("menuitem", { name: "Delete" }).click();
      await b.page.getByRole("dialog", { name: "Delete message?" }).getByRole("button", { name: "Delete" }).click();
      const reply = b.page.getByRole("log").locator(".message", { hasText: "Almost" });
      await reply.hover();
      await reply.getByRole("button", { name: "Add reaction" }).click();
      await b.page.getByRole("dialog", { name: "Add reaction" }).getByRole("button", { name: "🎉", exact: true }).click();
      await a.page.getByRole("textbox", { name: "Message" }).press("ArrowUp");
      await a.page.getByRole("textbox", { name: "Edit message" }).fill("Almost: run `npm test` first, *then* tag it\n```\nnpm run build\n```");
      await a.page.getByRole("textbox", { name: "Edit message" }).press("Enter");
      await expect(a.page.getByRole("log").getByText("(edited)")).toBeVisible();
      await expect(a.page.getByRole("log").getByRole("button", { name: /🎉/ })).toBeVisible();
      await a.page.getByRole("log").locator(".message", { hasText: "Almost" }).hover();
      await a.page.screenshot({ path: `${dir}/message-changes.png` });
      const again = a.page.getByRole("log").locator(".message", { hasText: "Almost" });
      await again.getByRole("button", { name: "Add reaction" }).click();
      await a.page.screenshot({ path: `${dir}/reaction-picker.png` });
      await a.page.keyboard.press("Escape");
      await again.getByRole("button", { name: "More actions" }).click();
      await a.page.screenshot({ path: `${dir}/message-menu.png` });
      await a.page.keyboard.press("Escape");
      await a.page.setViewportSize({ width: 390, height: 780 });
      await a.page.screenshot({ path: `${dir}/phone-message-changes.png` });
      await a.context.close();
      await b.context.close();
    });

    test("offline, pending, failed and unread", async ({ browser }) => {
      const context = await browser.newContext();
      // One refusal, to show a failed message.
      await context.routeWebSocket(/\/socket\.io\//, (ws) => {
        const server = ws.connectToServer();
        server.onMessage((frame) => ws.send(frame));
        ws.onMessage((frame) => {
          const m = typeof frame === "string" ? /^42(\d+)\["message:send",(.*)\]$/.exec(frame) : null;
          if (m && m[2]!.includes("Booked the big room")) {
            ws.send(`43${m[1]}${JSON.stringify([{ ok: false, error: { code: "forbidden", message: "You are not a member of this conversation" } }])}`);
            return;
          }
          server.send(frame);
        });
      });
      const page = await context.newPage();
      await page.goto("/login");
      await expect(page.getByRole("heading", { name: "Log in" })).toBeVisible();
      await page.screenshot({ path: `${dir}/login.png` });
      const me = newUser("Ana");
      await signUp(page, me);
      const auth = await tokenFor(me);
      const ben = await signUpByApi("Ben");
      const channelId = await createDirectByApi(ben.token, auth.id);
      await seedMessages(channelId, [ben.token], 2, (i) => ["Are we still on for Friday?", "I can bring the slides"][i - 1]!);
      await page.getByRole("navigation", { name: "Channels" }).getByRole("link", { name: ben.name }).click();
      await expect(page.getByRole("log").getByText("I can bring the slides")).toBeVisible();
      await page.goto("/c");
      const lines = ["Also: the room changed to 4B", "And lunch is on me", "Did you see the agenda?"];
      await seedMessages(channelId, [ben.token], lines.length, (i) => lines[i - 1]!);
      await expect(page.getByRole("navigation", { name: "Channels" }).getByRole("link", { name: ben.name })).toHaveAccessibleName(/3 unread/);
      await page.screenshot({ path: `${dir}/unread-count.png` });
      await page.getByRole("navigation", { name: "Channels" }).getByRole("link", { name: ben.name }).click();
      await expect(page.getByRole("separator", { name: "Unread messages" })).toBeVisible();
      await page.screenshot({ path: `${dir}/unread-divider.png` });

      await send(page, "Booked the big room");
      await expect(page.getByText("Failed: You are not a member")).toBeVisible();
      await context.setOffline(true);
      await send(page, "See you there!");
      await expect(page.getByRole("status").filter({ hasText: "You are offline" })).toBeVisible();
      await expect(page.getByText("Not sent yet")).toBeVisible();
      await page.screenshot({ path: `${dir}/offline-pending-failed.png` });
      await context.close();
    });
  });
}
