// axe (WCAG 2.1 A and AA rules) on every page and every dialog of the app, in English and Korean,
// with the device asking for a light and for a dark colour scheme (the "system" theme follows it;
// the dark runs check the colour rules only: COLOUR_RULES).
// One test per language and scheme walks through everything in turn and reports every violation
// found at once, each with the place it was found.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import sharp from "sharp";
import { io } from "socket.io-client";
import en from "../messages/en.json" with { type: "json" };
import ko from "../messages/ko.json" with { type: "json" };
import type { Ack } from "../lib/contract/errors";
import { expect, test } from "./fixtures";
import { baseURL, createGroupByApi, newUser, seedMessages, signUpByApi, tokenFor } from "./helpers";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * The rules that depend on the colour scheme: the dark runs check only these. The theme changes
 * nothing but colour tokens (the DOM, names, roles and focus order are the light run's), and the
 * full rule set in all four runs took a third of CI's end-to-end time.
 */
const COLOUR_RULES = ["color-contrast", "link-in-text-block"];

/** Axe's findings on the page as it is now, one line per rule and element, prefixed with `where`. */
async function audit(page: Page, where: string, scheme: "light" | "dark"): Promise<string[]> {
  const axe = new AxeBuilder({ page });
  const { violations } = await (scheme === "dark" ? axe.withRules(COLOUR_RULES) : axe.withTags(TAGS)).analyze();
  const found = violations.flatMap((v) =>
    v.nodes.map((n) => `${where}: ${v.id} (${v.impact}) at ${n.target.join(" ")}: ${n.failureSummary?.replace(/\s+/g, " ")}`),
  );
  // Seen as they are found: a run that times out later still shows them.
  if (found.length > 0) console.log(found.join("\n"));
  return found;
}

/** Uploads a small PNG into the channel as `token`'s user and sends it in a message. */
async function sendPicture(channelId: string, token: string, name: string): Promise<void> {
  const png = await sharp({ create: { width: 96, height: 64, channels: 3, background: "#6699cc" } }).png().toBuffer();
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(png)], { type: "image/png" }), name);
  const res = await fetch(new URL(`/api/channels/${encodeURIComponent(channelId)}/attachments`, baseURL()), {
    method: "POST",
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  if (res.status !== 201) throw new Error(`upload: ${res.status} ${await res.text()}`);
  const { attachment } = (await res.json()) as { attachment: { id: string } };
  const s = io(baseURL(), { auth: { token }, transports: ["websocket"], forceNew: true });
  try {
    await new Promise<void>((resolve, reject) => {
      s.once("connect", () => resolve());
      s.once("connect_error", reject);
    });
    const ack = (await s
      .timeout(10_000)
      .emitWithAck("message:send", { channelId, clientMsgId: `pic-${Date.now()}`, body: "", attachmentIds: [attachment.id] })) as Ack<object>;
    if (!ack.ok) throw new Error(`send picture: ${ack.error.message}`);
  } finally {
    s.disconnect();
  }
}

for (const [locale, m] of [
  ["en-US", en],
  ["ko-KR", ko],
] as const) {
  for (const scheme of ["light", "dark"] as const) {
    test.describe(`${locale} ${scheme}`, () => {
      test.use({ locale });

      test("every page and dialog passes axe", async ({ page }) => {
        // A dozen axe runs, each a few seconds on a small machine.
        test.setTimeout(480_000);
        await page.emulateMedia({ colorScheme: scheme });
        const found: string[] = [];
        const [bora, chul] = await Promise.all([signUpByApi("Bora"), signUpByApi("Chul")]);
        const me = newUser("Ara");

        await page.goto("/login");
        await expect(page.getByRole("heading", { name: m.auth.logIn })).toBeVisible();
        found.push(...(await audit(page, "log-in", scheme)));
        // A refused log-in shows its reason.
        await page.getByRole("textbox", { name: m.auth.email }).fill(me.email);
        await page.getByLabel(m.auth.password).fill("not-the-password");
        await page.getByRole("button", { name: m.auth.logIn }).click();
        await expect(page.getByRole("alert")).toBeVisible();
        found.push(...(await audit(page, "log-in refused", scheme)));

        await page.goto("/signup");
        await expect(page.getByRole("heading", { name: m.auth.signupTitle })).toBeVisible();
        found.push(...(await audit(page, "sign-up", scheme)));
        await page.getByRole("textbox", { name: m.auth.email }).fill(me.email);
        await page.getByRole("textbox", { name: m.auth.name }).fill(me.name);
        await page.getByLabel(m.auth.password).fill(me.password);
        await page.getByRole("button", { name: m.auth.signUp }).click();
        // Hashing the password takes seconds when the machine is busy.
        await expect(page).toHaveURL(/\/c$/, { timeout: 30_000 });
        await expect(page.getByRole("heading", { name: m.home.title })).toBeVisible();
        found.push(...(await audit(page, "empty chat", scheme)));

        // New message, opened from the empty chat.
        await page.getByRole("button", { name: m.sidebar.newMessage }).click();
        const newMessage = page.getByRole("dialog", { name: m.newMessage.title });
        await newMessage.getByRole("combobox", { name: m.newMessage.people }).fill(bora.name.slice(0, -2));
        await expect(newMessage.getByRole("option", { name: bora.name })).toBeVisible();
        found.push(...(await audit(page, "new message dialog", scheme)));
        // The first Escape closes the list of matches, the second the dialog.
        await page.keyboard.press("Escape");
        await page.keyboard.press("Escape");
        await expect(newMessage).toBeHidden();

        // A group with messages from the others (a mention of me, a picture) and one of mine.
        const mine = await tokenFor(me);
        const group = `Trip ${locale} ${scheme}`;
        const channelId = await createGroupByApi(mine.token, group, [bora.id, chul.id]);
        await seedMessages(channelId, [bora.token, chul.token], 4, (i) =>
          i === 3 ? `@${me.name} are you coming to the meeting?` : `Plan for the meeting, part ${i}`,
        );
        await sendPicture(channelId, bora.token, "map.png");
        await page.getByRole("navigation", { name: m.sidebar.channels }).getByRole("link", { name: group }).click();
        const log = page.getByRole("log");
        await expect(log.getByRole("img", { name: "map.png" })).toBeVisible();
        const box = page.getByRole("textbox", { name: m.composer.message });
        await box.fill("I am in");
        await box.press("Enter");
        await expect(log.getByText("I am in")).toBeVisible();
        found.push(...(await audit(page, "conversation", scheme)));

        // The actions of my message, and deleting it (not done: Cancel).
        const myMessage = log.locator(".message", { hasText: "I am in" });
        await myMessage.hover();
        await myMessage.getByRole("button", { name: m.actions.more }).click();
        await expect(page.getByRole("menu", { name: m.actions.more })).toBeVisible();
        found.push(...(await audit(page, "message actions menu", scheme)));
        await page.getByRole("menuitem", { name: m.actions.delete }).click();
        const del = page.getByRole("dialog", { name: m.deleteMessage.title });
        await expect(del).toBeVisible();
        found.push(...(await audit(page, "delete message dialog", scheme)));
        await del.getByRole("button", { name: m.common.cancel }).click();
        await expect(del).toBeHidden();

        // The reaction picker.
        await myMessage.hover();
        await myMessage.getByRole("button", { name: m.actions.addReaction }).click();
        const picker = page.getByRole("dialog", { name: m.actions.addReaction });
        await expect(picker).toBeVisible();
        found.push(...(await audit(page, "emoji picker", scheme)));
        await page.keyboard.press("Escape");
        await expect(picker).toBeHidden();

        // The picture at full size.
        await log.getByRole("link", { name: "map.png" }).click();
        const viewer = page.getByRole("dialog", { name: "map.png" });
        await expect(viewer.getByRole("img", { name: "map.png" })).toBeVisible();
        found.push(...(await audit(page, "image viewer", scheme)));
        await page.keyboard.press("Escape");
        await expect(viewer).toBeHidden();

        // Members.
        await page.getByRole("button", { name: m.group.members, exact: true }).click();
        const members = page.getByRole("dialog", { name: m.group.members });
        await expect(members.getByText(chul.name)).toBeVisible();
        found.push(...(await audit(page, "members dialog", scheme)));
        await page.keyboard.press("Escape");
        await expect(members).toBeHidden();

        // Settings.
        await page.getByRole("button", { name: m.settings.title }).click();
        const settings = page.getByRole("dialog", { name: m.settings.title });
        await expect(settings.getByRole("checkbox", { name: m.settings.sendReadReceipts })).toBeVisible();
        await expect(settings.getByRole("button", { name: m.settings.endSession }).first()).toBeVisible();
        found.push(...(await audit(page, "settings dialog", scheme)));
        await page.keyboard.press("Escape");
        await expect(settings).toBeHidden();

        // Search results and mentions, beside the conversation.
        await page.getByRole("searchbox", { name: m.sidebar.searchMessages }).fill("meeting");
        const results = page.getByRole("region", { name: m.panel.searchResults });
        await expect(results.getByRole("link")).toHaveCount(4);
        found.push(...(await audit(page, "search results", scheme)));
        await page.getByRole("button", { name: m.sidebar.mentions, exact: true }).click();
        await expect(page.getByRole("region", { name: m.panel.mentions }).getByRole("link")).toHaveCount(1);
        found.push(...(await audit(page, "mentions", scheme)));

        // A phone-sized window: the conversation alone.
        await page.setViewportSize({ width: 390, height: 800 });
        await page.getByRole("button", { name: m.panel.closeMentions }).click();
        await expect(log.getByText("I am in")).toBeVisible();
        found.push(...(await audit(page, "conversation, 390 px", scheme)));

        expect(found).toEqual([]);
      });
    });
  }
}
