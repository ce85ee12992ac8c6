// Renders public/icon.svg into the PNG icons the web app manifest and notifications use.
// Run once after changing the SVG: node scripts/make-icons.mjs (needs /usr/bin/chromium).
import { chromium } from "@playwright/test";
import fs from "node:fs";

const svg = fs.readFileSync("public/icon.svg", "utf8");
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
const page = await browser.newPage();
const render = async (size, file, { padding = 0, background = "transparent" } = {}) => {
  await page.setViewportSize({ width: size, height: size });
  const inner = size - 2 * padding;
  await page.setContent(
    `<html><body style="margin:0;background:${background}"><div style="padding:${padding}px;width:${inner}px;height:${inner}px">${svg.replace("<svg ", `<svg width="${inner}" height="${inner}" `)}</div></body></html>`,
  );
  await page.screenshot({ path: file, omitBackground: background === "transparent" });
};
await render(192, "public/icons/icon-192.png");
await render(512, "public/icons/icon-512.png");
// Maskable: the safe zone is the inner 80%, on the icon's own colour.
await render(512, "public/icons/maskable-512.png", { padding: 51, background: "#3b5bdb" });
await render(72, "public/icons/badge-72.png");
await render(180, "public/icons/apple-touch-icon.png", { background: "#3b5bdb" });
await browser.close();
console.log("icons written to public/icons/");
