// `npm run bench:scroll`: a 10,000-message conversation in the web client. The product runs as
// `npm start` runs it (bench/suite/targets.ts); one person sends 10,000 messages to another, who
// opens the conversation in Debian Chromium and reads back through it with the mouse wheel, then
// down again. Measured with the browser's Long Tasks API (a task over 50 ms blocks input):
// - opening: time until the newest message is on screen, long tasks meanwhile;
// - scrolling back BENCH_SCROLL_STEPS wheel steps of 400 px (pages load from the server as the
//   reader nears the top), then down again: long tasks (count, total, longest), rows in the page,
//   messages held, JS heap.
// Target: no long task while scrolling. Prints JSON. BENCH_CPU_SLOWDOWN (default 1) throttles the
// page's CPU as Lighthouse's mobile preset does (4).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { launchChromium, productApi, sendMany, signedInContext } from "./suite/browser-bench";
import { startProduct } from "./suite/targets";

const TOTAL = 10_000;
const STEPS = Number(process.env.BENCH_SCROLL_STEPS ?? 300);
const SLOWDOWN = Number(process.env.BENCH_CPU_SLOWDOWN ?? 1);

const logDir = fs.mkdtempSync(path.join(os.tmpdir(), "chat-bench-scroll-"));
const product = await startProduct({}, logDir);
const { person, direct } = productApi(product);
const browser = await launchChromium();
try {
  const ann = await person("Ann");
  const bob = await person("Bob");
  const channelId = await direct(bob, ann);
  await sendMany(product.url, bob.token, channelId, TOTAL, (i) => `message ${i}: ${"the quick brown fox jumps over the lazy dog ".repeat(1 + (i % 4))}`, 64);

  const { context } = await signedInContext(browser, product, ann.email);
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  if (SLOWDOWN > 1) {
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: SLOWDOWN });
  }
  // Long tasks from the very start of the page.
  await page.addInitScript(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longTasks.push(e.duration);
    }).observe({ type: "longtask", buffered: true });
  });
  const takeLongTasks = () =>
    page.evaluate(() => {
      const w = window as unknown as { longTasks: number[] };
      const all = w.longTasks.splice(0);
      return { count: all.length, totalMs: Math.round(all.reduce((a, b) => a + b, 0)), longestMs: Math.round(Math.max(0, ...all)) };
    });
  const state = () =>
    page.evaluate(() => ({
      rowsInPage: document.querySelectorAll(".message").length,
      held: Number(document.querySelector(".log-frame")?.getAttribute("data-held")),
      firstSeqInPage: Number(document.querySelector(".message[data-seq]")?.getAttribute("data-seq")),
      jsHeapMB: +(((performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0) / 2 ** 20).toFixed(1),
    }));

  const started = Date.now();
  await page.goto(`${product.url}/c/${channelId}`);
  await page.getByRole("log").getByText(`message ${TOTAL}:`, { exact: false }).waitFor({ state: "visible" });
  const openMs = Date.now() - started;
  await page.waitForTimeout(1_000);
  const opening = await takeLongTasks();

  await page.getByRole("log").hover();
  // BENCH_PROFILE=<file>: a CPU profile of the page while scrolling back (open it in DevTools).
  const profiler = process.env.BENCH_PROFILE ? await context.newCDPSession(page) : null;
  if (profiler) {
    await profiler.send("Profiler.enable");
    await profiler.send("Profiler.start");
  }
  const scrollStarted = Date.now();
  for (let i = 0; i < STEPS; i++) {
    await page.mouse.wheel(0, -400);
    await page.waitForTimeout(16);
  }
  await page.waitForTimeout(1_000);
  const up = { ms: Date.now() - scrollStarted, longTasks: await takeLongTasks(), ...(await state()) };
  if (profiler) {
    const { profile } = await profiler.send("Profiler.stop");
    fs.writeFileSync(process.env.BENCH_PROFILE!, JSON.stringify(profile));
  }
  const downStarted = Date.now();
  for (let i = 0; i < STEPS; i++) {
    await page.mouse.wheel(0, 400);
    await page.waitForTimeout(16);
  }
  await page.waitForTimeout(1_000);
  const down = { ms: Date.now() - downStarted, longTasks: await takeLongTasks(), ...(await state()) };

  console.log(
    JSON.stringify(
      {
        date: new Date().toISOString(),
        node: process.version,
        cpus: os.cpus().length,
        chromium: browser.version(),
        cpuSlowdown: SLOWDOWN,
        messages: TOTAL,
        open: { toNewestVisibleMs: openMs, longTasks: opening },
        scrollUp: { steps: STEPS, px: STEPS * 400, ...up },
        scrollDown: { steps: STEPS, px: STEPS * 400, ...down },
      },
      null,
      2,
    ),
  );
} finally {
  await browser.close();
  await product.stop();
  fs.rmSync(logDir, { recursive: true, force: true });
}
process.exit(0);
