// `npm run bench:load`: the web client's first load of the chat page, as a person opening a
// conversation would get it. The product runs as `npm start` runs it (bench/suite/targets.ts: its
// own process, production build, embedded PostgreSQL or DATABASE_URL); two people sign up, talk
// (200 messages), and one of them opens /c/<conversation> in Debian Chromium. Measured:
// - JavaScript of the first load: every script the page loads before it is idle, as sent over
//   the wire (gzip, Next's compression) and uncompressed; target ≤ 200 KB gzipped;
// - Lighthouse 12 performance score, mobile (its default: simulated slow 4G and 4× slower CPU)
//   and desktop presets, with its main metrics; target ≥ 90.
// Prints JSON. BENCH_RUNS (default 3) Lighthouse runs per preset; the median score is reported.
// BENCH_NO_LH=1: the first-load JavaScript only.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import lighthouse, { desktopConfig } from "lighthouse";
import { freePort } from "../tests/support/app-process";
import { launchChromium, productApi, sendMany, signedInContext } from "./suite/browser-bench";
import { startProduct } from "./suite/targets";

const RUNS = Number(process.env.BENCH_RUNS ?? 3);

const logDir = fs.mkdtempSync(path.join(os.tmpdir(), "chat-bench-load-"));
const product = await startProduct({}, logDir);
const { person, direct } = productApi(product);

const port = await freePort();
const browser = await launchChromium(port);
try {
  const ann = await person("Ann");
  const bob = await person("Bob");
  const channelId = await direct(bob, ann);
  await sendMany(product.url, bob.token, channelId, 200, (i) => `message ${i}: the quick brown fox jumps over the lazy dog`);
  const pageUrl = `${product.url}/c/${channelId}`;

  // Scripts of the first load, read from the wire by a fresh browser context.
  const { context, cookie } = await signedInContext(browser, product, ann.email);
  const page = await context.newPage();
  const scripts: { url: string; wire: number; raw: number }[] = [];
  page.on("response", async (r) => {
    if (r.request().resourceType() !== "script") return;
    const sizes = await r.request().sizes();
    scripts.push({ url: new URL(r.url()).pathname, wire: sizes.responseBodySize, raw: (await r.body()).length });
  });
  await page.goto(pageUrl, { waitUntil: "networkidle" });
  await page.getByRole("log").getByText("message 200:", { exact: false }).waitFor();
  await context.close();
  const kb = (n: number) => +(n / 1024).toFixed(1);
  const firstLoad = {
    scripts: scripts.length,
    gzipKB: kb(scripts.reduce((a, s) => a + s.wire, 0)),
    rawKB: kb(scripts.reduce((a, s) => a + s.raw, 0)),
    largest: scripts.sort((a, b) => b.wire - a.wire).slice(0, 10).map((s) => ({ url: s.url, gzipKB: kb(s.wire) })),
  };

  const lighthouseRuns = async (preset: "mobile" | "desktop") => {
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const result = await lighthouse(
        pageUrl,
        { port, output: "json", logLevel: "error", onlyCategories: ["performance"], extraHeaders: { Cookie: cookie } },
        preset === "desktop" ? desktopConfig : undefined,
      );
      const lhr = result!.lhr;
      const ms = (id: string) => Math.round(lhr.audits[id]?.numericValue ?? NaN);
      runs.push({
        score: Math.round((lhr.categories.performance?.score ?? 0) * 100),
        fcpMs: ms("first-contentful-paint"),
        lcpMs: ms("largest-contentful-paint"),
        tbtMs: ms("total-blocking-time"),
        cls: +(lhr.audits["cumulative-layout-shift"]?.numericValue ?? NaN).toFixed(3),
        speedIndexMs: ms("speed-index"),
      });
    }
    runs.sort((a, b) => a.score - b.score);
    return { median: runs[Math.floor(runs.length / 2)], scores: runs.map((r) => r.score) };
  };
  const report = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    chromium: browser.version(),
    page: "/c/<direct conversation with 200 messages>",
    firstLoadJs: firstLoad,
    ...(process.env.BENCH_NO_LH ? {} : { lighthouseMobile: await lighthouseRuns("mobile"), lighthouseDesktop: await lighthouseRuns("desktop") }),
  };
  console.log(JSON.stringify(report, null, 2));
} finally {
  await browser.close();
  await product.stop();
  fs.rmSync(logDir, { recursive: true, force: true });
}
process.exit(0);
