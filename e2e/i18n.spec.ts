// Korean UI: chosen from the browser's language (Accept-Language), switchable in Settings; Korean
// typed with an IME never sends or picks half a syllable.
import type { Locator } from "@playwright/test";
import { expect, test } from "./fixtures";
import { newUser, personInNewContext } from "./helpers";

/** An Enter keydown as an IME sends it while a syllable is still being composed (KeyboardEvent.isComposing). */
async function composingEnter(target: Locator): Promise<void> {
  await target.evaluate((el) => {
    el.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", code: "Enter", isComposing: true, bubbles: true, cancelable: true }));
  });
}

test.describe("Korean browser", () => {
  test.use({ locale: "ko-KR" });

  test("signs up in Korean, IME Enter does not send, then switches to English in Settings", async ({ page, browser }, info) => {
    // Two people, a conversation both ways and a reload into English: more than one minute on a busy machine.
    test.setTimeout(120_000);
    const other = await personInNewContext(browser, "Bora", { locale: "en-US" });
    const me = newUser("Minsu");

    await page.goto("/signup");
    await expect(page.locator("html")).toHaveAttribute("lang", "ko");
    await expect(page.getByRole("heading", { name: "계정 만들기" })).toBeVisible();
    await page.screenshot({ path: info.outputPath("korean-signup.png") });
    await page.getByRole("textbox", { name: "이메일" }).fill(me.email);
    await page.getByRole("textbox", { name: "이름" }).fill(me.name);
    await page.getByLabel("비밀번호").fill(me.password);
    await page.getByRole("button", { name: "회원가입" }).click();
    await expect(page).toHaveURL(/\/c$/);
    await expect(page.getByRole("navigation", { name: "채널" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "대화" })).toBeVisible();

    // New message: an IME's Enter in the people combobox does not choose anyone.
    await page.getByRole("button", { name: "새 메시지" }).click();
    const dialog = page.getByRole("dialog", { name: "새 메시지" });
    const combo = dialog.getByRole("combobox", { name: "대화 상대" });
    await combo.fill(other.user.name.slice(0, -2));
    await expect(dialog.getByRole("option", { name: other.user.name })).toBeVisible();
    await composingEnter(combo);
    await expect(dialog.getByRole("list", { name: "선택한 사람" })).toHaveCount(0);
    await combo.press("Enter");
    await expect(dialog.getByRole("list", { name: "선택한 사람" })).toContainText(other.user.name);
    await dialog.getByRole("button", { name: "시작" }).click();
    await expect(page).toHaveURL(/\/c\/[^/]+$/);

    // The composer: Enter while composing keeps the text; a plain Enter sends it.
    const box = page.getByRole("textbox", { name: "메시지" });
    await expect(box).toHaveAttribute("placeholder", `${other.user.name}에게 메시지`);
    await box.fill("안녕하세요");
    await composingEnter(box);
    await expect(box).toHaveValue("안녕하세요");
    const log = page.getByRole("log");
    await expect(log).not.toContainText("안녕하세요");
    await box.press("Enter");
    await expect(box).toHaveValue("");
    await expect(log.getByText("안녕하세요")).toBeVisible();
    await expect(page.getByRole("button", { name: "보내기" })).toBeVisible();
    // The day divider comes from Intl in Korean.
    await expect(log).toContainText("오늘");

    // Receiving: the other person's answer appears, and my message shows it was read ("읽음").
    await other.page.getByRole("navigation", { name: "Channels" }).getByRole("link", { name: me.name }).click();
    await expect(other.page.getByRole("log").getByText("안녕하세요")).toBeVisible();
    await other.page.getByRole("textbox", { name: "Message" }).fill("반가워요");
    await other.page.getByRole("textbox", { name: "Message" }).press("Enter");
    await expect(log.getByText("반가워요")).toBeVisible();
    await expect(log.getByText("읽음")).toBeVisible();

    // The header's toggle, by its Korean name.
    const mute = page.getByRole("button", { name: "알림 끄기", exact: true });
    await expect(mute).toHaveAttribute("aria-pressed", "false");
    await mute.click();
    await expect(mute).toHaveAttribute("aria-pressed", "true");

    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      await page.screenshot({ path: info.outputPath(`korean-${width}.png`) });
    }
    await page.setViewportSize({ width: 1280, height: 800 });

    // Settings › Language: English, kept in the "locale" cookie.
    await page.getByRole("button", { name: "설정" }).click();
    const settings = page.getByRole("dialog", { name: "설정" });
    await expect(settings.getByRole("checkbox", { name: "읽음 확인 보내기" })).toBeVisible();
    await page.screenshot({ path: info.outputPath("korean-settings.png") });
    await settings.getByRole("combobox", { name: "언어" }).selectOption("en");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("button", { name: "Settings" })).toBeVisible();
    await expect(page.getByRole("textbox", { name: "Message" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Send" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Channels" })).toBeVisible();
    expect((await page.context().cookies()).find((c) => c.name === "locale")?.value).toBe("en");
  });
});

test("an English browser gets English", async ({ page }) => {
  await page.goto("/login");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { name: "Log in" })).toBeVisible();
});
