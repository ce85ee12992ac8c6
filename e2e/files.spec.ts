// Files and images between two people: one pastes a picture and attaches a PDF; the other sees
// the thumbnail (its box kept before it loads), opens it in the viewer, closes it with Esc, and
// downloads the PDF, byte for byte. And a message with a file written offline: it waits in the
// outbox with its bytes on the device, and goes with its file when the device is back.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { readDevice } from "./device";
import { personInNewContext, startConversation, tokenFor } from "./helpers";

const log = (page: Page) => page.getByRole("log");
const shots = process.env.SCREENSHOTS ? "tmp/screenshots" : null;

/** A small PDF (the server knows it by its first bytes); distinct bytes per call. */
function pdfBytes(tag: string): Buffer {
  return Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${tag}\n${"x".repeat(3000)}\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
}

/** A real PNG drawn on a canvas in the page, pasted into the composer as a screenshot would be. */
async function pastePng(page: Page, name: string, width: number, height: number): Promise<void> {
  await page.evaluate(
    async ({ name, width, height }) => {
      const canvas = document.createElement("canvas");
      canvas.width = width;
      canvas.height = height;
      const g = canvas.getContext("2d")!;
      const grad = g.createLinearGradient(0, 0, width, height);
      grad.addColorStop(0, "#f76707");
      grad.addColorStop(1, "#4c6ef5");
      g.fillStyle = grad;
      g.fillRect(0, 0, width, height);
      const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), "image/png"));
      const data = new DataTransfer();
      data.items.add(new File([blob], name, { type: "image/png" }));
      const box = document.querySelector<HTMLTextAreaElement>("textarea[aria-label=Message]")!;
      box.focus();
      box.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    },
    { name, width, height },
  );
}

/** "Attach files" opens the file picker; the file chosen is given to it. */
async function attachThroughButton(page: Page, name: string, mimeType: string, buffer: Buffer): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.getByRole("button", { name: "Attach files", exact: true }).click()]);
  expect(chooser.isMultiple()).toBe(true);
  if (buffer.length < 1024 * 1024) {
    await chooser.setFiles({ name, mimeType, buffer });
    return;
  }
  // A large file goes by its path: as bytes it would cross the browser protocol as base64 (slow
  // enough on a busy machine to time the test out).
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "e2e-file-"));
  const file = path.join(dir, name);
  fs.writeFileSync(file, buffer);
  try {
    await chooser.setFiles(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test("a pasted picture and an attached PDF: thumbnail, viewer, download", async ({ browser }) => {
  const a = await personInNewContext(browser, "Alice");
  const b = await personInNewContext(browser, "Bob");
  await startConversation(a.page, [b.user]);

  await pastePng(a.page, "sunset.png", 640, 400);
  const pdf = pdfBytes(`report-${Date.now()}`);
  await attachThroughButton(a.page, "report.pdf", "application/pdf", pdf);
  const drafts = a.page.getByRole("list", { name: "Files to send" });
  await expect(drafts.getByRole("listitem")).toHaveCount(2);
  // A file dropped on the conversation joins them.
  const dropped = await a.page.evaluateHandle(() => {
    const d = new DataTransfer();
    d.items.add(new File(["dropped text"], "dropped.txt", { type: "text/plain" }));
    return d;
  });
  await log(a.page).dispatchEvent("dragenter", { dataTransfer: dropped });
  await log(a.page).dispatchEvent("drop", { dataTransfer: dropped });
  await expect(drafts.getByRole("listitem")).toHaveCount(3);
  await drafts.getByRole("button", { name: "Remove dropped.txt" }).click();
  await expect(drafts.getByRole("listitem")).toHaveCount(2);
  // Each file has its upload shown while it goes, and a cancel of its own.
  await expect(drafts.getByRole("button", { name: "Remove sunset.png" })).toBeVisible();
  await expect(drafts.getByRole("button", { name: "Remove report.pdf" })).toBeVisible();
  await expect(drafts).toContainText("Ready");
  await expect(drafts.getByText("Ready")).toHaveCount(2);

  const box = a.page.getByRole("textbox", { name: "Message" });
  await box.fill("the trip, and the bill");
  await box.press("Enter");
  await expect(drafts).toBeHidden();
  const mine = log(a.page).locator(".message", { hasText: "the trip, and the bill" });
  await expect(mine.getByRole("img", { name: "sunset.png" })).toBeVisible();
  await expect(mine).not.toContainText("Sending…");

  await b.page.getByRole("navigation", { name: "Channels" }).getByRole("link", { name: a.user.name }).click();
  const theirs = log(b.page).locator(".message", { hasText: "the trip, and the bill" });
  const thumb = theirs.getByRole("img", { name: "sunset.png" });
  await expect(thumb).toBeVisible();
  // The box has the picture's ratio (640×400) from the attributes, before and after it loads.
  expect(await thumb.getAttribute("width")).toBe("320");
  expect(await thumb.getAttribute("height")).toBe("200");
  await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  expect(await thumb.evaluate((img: HTMLImageElement) => img.naturalWidth / img.naturalHeight)).toBeCloseTo(1.6, 1);
  // Files in the order sent: the picture, then the PDF's card.
  await expect(theirs.locator(".attachments > *")).toHaveCount(2);
  const card = theirs.getByRole("link", { name: /report\.pdf/ });
  await expect(card).toContainText("PDF");
  await expect(card).toContainText("KB");
  if (shots) await b.page.screenshot({ path: `${shots}/files-received.png` });

  // The viewer: a dialog with the full-size picture; Esc closes it and focus goes back.
  const opener = theirs.getByRole("link", { name: "sunset.png" });
  await opener.click();
  const viewer = b.page.getByRole("dialog", { name: "sunset.png" });
  await expect(viewer).toBeVisible();
  const full = viewer.getByRole("img", { name: "sunset.png" });
  await expect.poll(() => full.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(640);
  await expect(viewer.getByRole("button", { name: "Close" })).toBeFocused();
  if (shots) await b.page.screenshot({ path: `${shots}/files-viewer.png` });
  await b.page.keyboard.press("Escape");
  await expect(viewer).toBeHidden();
  await expect(opener).toBeFocused();

  // The PDF downloads under its name, with the bytes sent.
  const [download] = await Promise.all([b.page.waitForEvent("download"), card.click()]);
  expect(download.suggestedFilename()).toBe("report.pdf");
  expect(fs.readFileSync((await download.path())!)).toEqual(pdf);

  // After a reload (history from the server) the files are still there.
  await b.page.reload();
  await expect(log(b.page).getByRole("img", { name: "sunset.png" })).toBeVisible();
  await expect(log(b.page).getByRole("link", { name: /report\.pdf/ })).toBeVisible();

  await a.context.close();
  await b.context.close();
});

test("a file sent offline waits on the device and goes with its message when back", async ({ browser }) => {
  const a = await personInNewContext(browser, "Alice");
  const b = await personInNewContext(browser, "Bob");
  await startConversation(a.page, [b.user]);
  const { id: aliceId } = await tokenFor(a.user);

  await a.context.setOffline(true);
  await expect(a.page.getByRole("status").filter({ hasText: "You are offline" })).toBeVisible();
  const pdf = pdfBytes(`offline-${Date.now()}`);
  await attachThroughButton(a.page, "minutes.pdf", "application/pdf", pdf);
  const drafts = a.page.getByRole("list", { name: "Files to send" });
  await expect(drafts).toContainText("Waiting for the network");
  await expect(drafts.getByRole("progressbar", { name: "Uploading minutes.pdf" })).toBeVisible();
  if (shots) await a.page.screenshot({ path: `${shots}/files-offline-draft.png` });
  // A second file, cancelled: it leaves the message.
  await attachThroughButton(a.page, "draft.pdf", "application/pdf", pdfBytes("cancelled"));
  await expect(drafts.getByRole("listitem")).toHaveCount(2);
  await drafts.getByRole("button", { name: "Remove draft.pdf" }).click();
  await expect(drafts.getByRole("listitem")).toHaveCount(1);
  // The message may be sent with only a file (no text).
  await a.page.getByRole("button", { name: "Send" }).click();
  const pending = log(a.page).locator(".message", { hasText: "minutes.pdf" });
  await expect(pending).toContainText("Not sent yet: waiting for the network");
  await expect(pending.getByRole("progressbar", { name: "Uploading minutes.pdf" })).toBeVisible();
  if (shots) await a.page.screenshot({ path: `${shots}/files-offline-pending.png` });

  // The bytes wait in the device's outbox (IndexedDB), not only in memory.
  await expect
    .poll(async () =>
      a.page.evaluate(async (name) => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const req = indexedDB.open(name);
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
        const items = await new Promise<{ files?: { name: string; blob: Blob }[] }[]>((resolve, reject) => {
          const req = db.transaction("outbox").objectStore("outbox").getAll();
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
        db.close();
        const f = items[0]?.files?.[0];
        return f ? `${f.name} ${f.blob.size}` : "none";
      }, `chat-device-${aliceId}`),
    )
    .toBe(`minutes.pdf ${pdf.length}`);

  // Reloaded offline (the app shell from the service worker's cache): the message and its file
  // come back from IndexedDB, still waiting.
  await expect
    .poll(() => a.page.evaluate(async () => Boolean(await caches.match(new URL("/c/offline-shell", location.origin).href))), { timeout: 15_000 })
    .toBe(true);
  await a.page.reload();
  await expect(a.page.getByRole("status").filter({ hasText: "You are offline" })).toBeVisible();
  await expect(pending).toContainText("Not sent yet: waiting for the network");
  await expect(pending).toContainText("minutes.pdf");

  await a.context.setOffline(false);
  await expect(pending).not.toContainText("Not sent yet");
  await expect(log(a.page).getByRole("link", { name: /minutes\.pdf/ })).toBeVisible();
  await expect(log(a.page)).not.toContainText("draft.pdf");
  await expect.poll(async () => (await readDevice(a.page, aliceId)).outbox.length).toBe(0);

  await b.page.getByRole("navigation", { name: "Channels" }).getByRole("link", { name: a.user.name }).click();
  const card = log(b.page).getByRole("link", { name: /minutes\.pdf/ });
  await expect(card).toBeVisible();
  await expect(log(b.page).locator(".attachments > *")).toHaveCount(1);
  const [download] = await Promise.all([b.page.waitForEvent("download"), card.click()]);
  expect(download.suggestedFilename()).toBe("minutes.pdf");
  expect(fs.readFileSync((await download.path())!)).toEqual(pdf);

  await a.context.close();
  await b.context.close();
});

test("a file over the size limit says so, keeps Send from sending, and can be removed", async ({ browser }) => {
  const a = await personInNewContext(browser, "Alice");
  const b = await personInNewContext(browser, "Bob");
  await startConversation(a.page, [b.user]);
  await attachThroughButton(a.page, "huge.bin", "application/octet-stream", Buffer.alloc(26 * 1024 * 1024, 7));
  const drafts = a.page.getByRole("list", { name: "Files to send" });
  await expect(drafts).toContainText("Too large");
  await expect(a.page.getByRole("button", { name: "Send" })).toHaveAttribute("aria-disabled", "true");
  await expect(a.page.getByText("Remove the files that could not be uploaded to send.")).toBeVisible();
  await a.page.getByRole("textbox", { name: "Message" }).fill("without it then");
  await a.page.getByRole("textbox", { name: "Message" }).press("Enter");
  await expect(log(a.page).getByText("without it then")).toHaveCount(0);
  await drafts.getByRole("button", { name: "Remove huge.bin" }).click();
  await expect(drafts).toBeHidden();
  await a.page.getByRole("textbox", { name: "Message" }).press("Enter");
  await expect(log(a.page).getByText("without it then")).toBeVisible();
  await a.context.close();
  await b.context.close();
});

// Pictures for a person to look at, not a check: files in the composer, in the log, and the
// viewer, at 1280 and 390 px wide, light and dark. Declared only with SCREENSHOTS=1 (as
// screenshots.spec.ts is ignored without it), so an ordinary run neither runs nor skips them.
for (const scheme of shots ? (["light", "dark"] as const) : []) {
  test.describe(`files screenshots ${scheme}`, () => {
    test.use({ colorScheme: scheme });

    test("files", async ({ browser }) => {
      const dir = scheme === "light" ? "tmp/screenshots" : "tmp/screenshots/dark";
      fs.mkdirSync(dir, { recursive: true });
      const a = await personInNewContext(browser, "Ana");
      const b = await personInNewContext(browser, "Ben");
      await startConversation(a.page, [b.user]);
      await pastePng(a.page, "beach.png", 800, 600);
      await attachThroughButton(a.page, "tickets-and-booking-confirmation.pdf", "application/pdf", pdfBytes("t"));
      await a.page.getByRole("textbox", { name: "Message" }).fill("Photos from Saturday");
      await expect(a.page.getByRole("list", { name: "Files to send" }).getByText("Ready")).toHaveCount(2);
      await a.page.screenshot({ path: `${dir}/files-composer-1280.png` });
      await a.page.getByRole("textbox", { name: "Message" }).press("Enter");
      await pastePng(a.page, "tall.png", 300, 900);
      await a.page.getByRole("button", { name: "Send" }).click();

      await b.page.getByRole("navigation", { name: "Channels" }).getByRole("link", { name: a.user.name }).click();
      const imgs = log(b.page).getByRole("img", { name: /\.png$/ });
      await expect(imgs).toHaveCount(2);
      for (const img of await imgs.all()) await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBeGreaterThan(0);
      await b.page.screenshot({ path: `${dir}/files-log-1280.png` });
      await log(b.page).getByRole("link", { name: "beach.png" }).click();
      await expect(b.page.getByRole("dialog", { name: "beach.png" })).toBeVisible();
      await b.page.screenshot({ path: `${dir}/files-viewer-1280.png` });
      await b.page.keyboard.press("Escape");

      await b.page.setViewportSize({ width: 390, height: 800 });
      await b.page.reload();
      await expect(log(b.page).getByRole("img", { name: "beach.png" })).toBeVisible();
      await b.page.waitForTimeout(500);
      await b.page.screenshot({ path: `${dir}/files-log-390.png` });
      await log(b.page).getByRole("link", { name: "beach.png" }).click();
      await expect(b.page.getByRole("dialog", { name: "beach.png" })).toBeVisible();
      await b.page.screenshot({ path: `${dir}/files-viewer-390.png` });

      await a.page.setViewportSize({ width: 390, height: 800 });
      await pastePng(a.page, "sunset.png", 640, 400);
      await attachThroughButton(a.page, "notes.txt", "text/plain", Buffer.from("hello"));
      await expect(a.page.getByRole("list", { name: "Files to send" }).getByText("Ready")).toHaveCount(2);
      await a.page.screenshot({ path: `${dir}/files-composer-390.png` });
      await a.context.close();
      await b.context.close();
    });
  });
}
