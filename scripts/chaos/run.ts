// `npm run chaos`: fault injection against three real nodes of the product on loopback, with
// proof. Steady 1:1 and group load from simulated devices; then `kill -9` of one node; its
// restart; a rolling graceful restart (SIGTERM, wait, start) of every node; then quiet and a
// final `sync` of every device. Prints what was sent, acknowledged, lost, duplicated, out of
// order or never delivered live, reconnect times, how clients spread over the nodes, how long the
// killed node's users looked offline and how long discovery kept handing out the dead node.
// Exits 1 when any must-be-zero figure is not 0. Options: scripts/chaos/options.ts (--help).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { Device, type Recorder } from "./device";
import { startInfra } from "./infra";
import { startLoad } from "./load";
import { createCluster } from "./nodes";
import { parseOptions } from "./options";
import { pct, table } from "./report";
import { type Figures, LIVE_GRACE_MS, MUST_BE_ZERO, verify } from "./verify";
import { makeWorld } from "./world";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const root = path.resolve(import.meta.dirname, "../..");

interface Spread {
  phase: string;
  /** Devices connected to each node, as the clients know it. */
  clients: Record<string, number>;
  /** chat_sockets_connected of each node (null: down). */
  metrics: Record<string, number | null>;
  /** What GET /api/discovery answered right then. */
  discovery: string | null;
}

type Dist = { p50: number | null; p99: number | null; max: number | null };

export interface ChaosResult {
  ok: boolean;
  /** Must-be-zero figures that were allowed not to be (--allow). */
  allowed: string[];
  config: {
    users: number;
    devices: number;
    rate: number;
    duration: number;
    database: string;
    nodeTimeoutMs?: number;
    victim: string;
    ports: number[];
  };
  figures: Figures;
  reconnect: { count: number; connectedMs: Dist; syncedMs: Dist; killConnectedMs: Dist; rollingConnectedMs: Dist };
  kill: {
    node: string;
    users: number;
    usersAllDevices: number;
    usersSeenOffline: number;
    offlineAfterMs: Dist;
    onlineAgainAfterMs: Dist;
    discoveryDeadMs: number | null;
    discoveryDeadAnswers: number;
    discoveryAnswersWhileDead: number;
  };
  spread: Spread[];
  phasesMs: Record<string, number>;
  totalMs: number;
}

const dist = (xs: number[]): Dist => ({ p50: pct(xs, 50), p99: pct(xs, 99), max: xs.length ? Math.max(...xs) : null });

async function portsFrom(base: number, n: number): Promise<number[]> {
  const free = (port: number) =>
    new Promise<boolean>((resolve) => {
      const s = net.createServer();
      s.once("error", () => resolve(false));
      s.listen(port, "127.0.0.1", () => s.close(() => resolve(true)));
    });
  const out: number[] = [];
  for (let p = base; out.length < n && p < base + 50; p++) if (await free(p)) out.push(p);
  if (out.length < n) throw new Error(`no ${n} free ports from ${base}`);
  return out;
}

async function waitUntil(cond: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) return false;
    await sleep(100);
  }
  return true;
}

async function main() {
  const opts = parseOptions(process.argv.slice(2));
  const unknown = opts.allow.filter((a) => !(MUST_BE_ZERO as readonly string[]).includes(a));
  if (unknown.length) throw new Error(`--allow: ${unknown.join(", ")} is not one of ${MUST_BE_ZERO.join(", ")}`);
  const t0 = Date.now();
  const say = (s: string) => console.error(`[chaos ${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${s}`);

  say("building the app when needed (scripts/ensure-build.mjs)");
  const build = spawnSync(process.execPath, ["scripts/ensure-build.mjs"], { cwd: root, stdio: ["ignore", 2, 2] });
  if (build.status !== 0) throw new Error("the build failed");

  const infra = await startInfra(say);
  const ports = await portsFrom(Number(process.env.CHAOS_BASE_PORT || 3301), 3);
  const cluster = createCluster(infra, ports, { nodeTimeoutMs: opts.nodeTimeoutMs });
  const devices: Device[] = [];
  let phase = "setup";
  const phasesMs: Record<string, number> = {};
  let phaseStart = Date.now();
  const enter = (p: string) => {
    phasesMs[phase] = Date.now() - phaseStart;
    phaseStart = Date.now();
    phase = p;
    say(`phase: ${p}`);
  };
  const discoveries: Array<{ at: number; url: string; by: string }> = [];
  const presence: Array<{ at: number; observer: string; userId: string; online: boolean }> = [];
  const rec: Recorder = {
    phase: () => phase,
    discovery: (at, url, by) => discoveries.push({ at, url, by }),
    presence: (at, observer, userId, online) => presence.push({ at, observer, userId, online }),
  };
  const spread: Spread[] = [];
  const live = () => cluster.nodes.filter((n) => n.child);
  const discoverOnce = async (): Promise<string | null> => {
    for (const n of live()) {
      try {
        const res = await fetch(`${n.url}/api/discovery`, { signal: AbortSignal.timeout(2000) });
        return ((await res.json()) as { url: string }).url;
      } catch {
        /* next */
      }
    }
    return null;
  };
  const nameOf = (url: string | null) => cluster.nodes.find((n) => n.url === url)?.name ?? url;
  const snapshot = async (label: string) => {
    const clients: Record<string, number> = Object.fromEntries(cluster.nodes.map((n) => [n.name, 0]));
    for (const d of devices) if (d.connected && d.url) clients[nameOf(d.url)!] = (clients[nameOf(d.url)!] ?? 0) + 1;
    spread.push({ phase: label, clients, metrics: await cluster.socketsByNode(), discovery: nameOf(await discoverOnce()) });
  };
  const allConnected = () => devices.every((d) => d.connected && d.synced);

  try {
    for (const n of cluster.nodes) {
      const took = await cluster.start(n); // one after another: the first applies the migrations
      say(`node ${n.name} listening on ${n.url} (${took} ms)`);
    }
    const entries = cluster.nodes.map((n) => n.url);
    const world = await makeWorld(entries, opts.users);
    for (const u of world.users) for (let k = 0; k < (u.index % 2 === 0 ? 2 : 1); k++) devices.push(new Device(u, k, () => entries, rec));
    // Clients arrive one by one, 150 ms apart, as people open the app over time: discovery
    // counts connections once a second per node, and a burst would all land on one node.
    for (const d of devices) {
      await d.start();
      await sleep(150);
    }
    say(`${world.users.length} users, ${world.members.size} channels, ${devices.length} devices connected`);
    await snapshot("connected");

    enter("steady");
    const load = startLoad(world, devices, opts.rate);
    await sleep(opts.duration * 1000);
    await snapshot("steady");

    // kill -9 of the node with the fewest clients (or the most: --victim most).
    enter("kill");
    const counts = cluster.nodes.map((n) => ({ n, clients: devices.filter((d) => d.connected && d.url === n.url).length }));
    const candidates = counts.filter((c) => c.clients > 0).sort((a, b) => a.clients - b.clients);
    const victim = (opts.victim === "least" ? candidates[0] : candidates.at(-1))!.n;
    const onVictim = devices.filter((d) => d.connected && d.url === victim.url);
    const victimUsers = new Set(onVictim.map((d) => d.user.id));
    const allOnVictim = [...victimUsers].filter((id) => devices.filter((d) => d.user.id === id).every((d) => d.url === victim.url && d.connected));
    const killAt = Date.now();
    cluster.kill9(victim);
    say(`killed ${victim.name} (kill -9) with ${onVictim.length} devices of ${victimUsers.size} users`);
    let polling = true;
    const poller = (async () => {
      while (polling) {
        const url = await discoverOnce();
        if (url) discoveries.push({ at: Date.now(), url, by: "poller" });
        await sleep(250);
      }
    })();
    await sleep(opts.duration * 1000);
    const backWithin = (opts.nodeTimeoutMs ?? 60_000) + 20_000;
    if (!(await waitUntil(allConnected, backWithin))) say(`not every device is back within ${backWithin / 1000} s`);
    await snapshot("after kill -9");

    enter("restart");
    const restartAt = Date.now();
    polling = false;
    await poller;
    say(`${victim.name} starting again (${await cluster.start(victim)} ms)`);
    await sleep((opts.duration * 1000) / 2);
    await snapshot(`after restart of ${victim.name}`);

    const rollingAt = Date.now();
    for (const n of cluster.nodes) {
      enter(`rolling ${n.name}`);
      const stopped = await cluster.terminate(n);
      say(`${n.name} stopped by SIGTERM in ${stopped} ms`);
      await sleep(opts.restartGap * 1000);
      say(`${n.name} starting again (${await cluster.start(n)} ms)`);
      await sleep((opts.duration * 1000) / 2);
      await snapshot(`rolled ${n.name}`);
    }

    enter("quiet");
    load.stop();
    if (!(await waitUntil(allConnected, 30_000))) say("not every device is connected after 30 s");
    if (!(await waitUntil(() => devices.every((d) => d.unacked() === 0), 30_000))) say("some messages are still unacknowledged after 30 s");
    await sleep(LIVE_GRACE_MS + 1000);

    enter("final sync");
    await Promise.all(devices.map((d) => d.syncNow().catch((err: unknown) => say(`final sync of ${d.key} failed: ${(err as Error).message}`))));
    await snapshot("final");
    const figures = await verify(infra.databaseUrl, world, devices, load.sent);
    enter("done");

    // Presence of the killed node's users as the others saw it, from the kill until the rolling
    // restart begins (later changes are the rolling restart's).
    const offlineAfter: number[] = [];
    const onlineAgainAfter: number[] = [];
    for (const id of victimUsers) {
      const seen = presence.filter((p) => p.userId === id && p.at >= killAt && p.at < rollingAt);
      const off = seen.find((p) => !p.online);
      if (!off) continue;
      offlineAfter.push(off.at - killAt);
      const on = seen.find((p) => p.online && p.at >= off.at);
      if (on) onlineAgainAfter.push(on.at - killAt);
    }
    const whileDead = discoveries.filter((d) => d.at >= killAt && d.at < restartAt);
    const deadAnswers = whileDead.filter((d) => d.url === victim.url);
    const reconnects = devices.flatMap((d) => d.reconnects).filter((r) => r.connectedAt !== undefined);
    const since = (rs: typeof reconnects, k: "connectedAt" | "syncedAt") => rs.filter((r) => r[k] !== undefined).map((r) => r[k]! - r.downAt);

    const result: ChaosResult = {
      ok: MUST_BE_ZERO.every((k) => figures[k] === 0 || opts.allow.includes(k)),
      allowed: opts.allow,
      config: {
        users: opts.users,
        devices: devices.length,
        rate: opts.rate,
        duration: opts.duration,
        database: infra.database,
        nodeTimeoutMs: opts.nodeTimeoutMs,
        victim: opts.victim,
        ports,
      },
      figures,
      reconnect: {
        count: reconnects.length,
        connectedMs: dist(since(reconnects, "connectedAt")),
        syncedMs: dist(since(reconnects, "syncedAt")),
        killConnectedMs: dist(since(reconnects.filter((r) => r.phase === "kill"), "connectedAt")),
        rollingConnectedMs: dist(since(reconnects.filter((r) => r.phase.startsWith("rolling")), "connectedAt")),
      },
      kill: {
        node: victim.name,
        users: victimUsers.size,
        usersAllDevices: allOnVictim.length,
        usersSeenOffline: offlineAfter.length,
        offlineAfterMs: dist(offlineAfter),
        onlineAgainAfterMs: dist(onlineAgainAfter),
        discoveryDeadMs: deadAnswers.length ? deadAnswers.at(-1)!.at - killAt : 0,
        discoveryDeadAnswers: deadAnswers.length,
        discoveryAnswersWhileDead: whileDead.length,
      },
      spread,
      phasesMs,
      totalMs: Date.now() - t0,
    };
    const out = path.join(root, "tmp", "chaos");
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, "last-run.json"), JSON.stringify(result, null, 2) + "\n");
    if (opts.json) console.log(JSON.stringify(result, null, 2));
    else console.log(`${JSON.stringify(result)}\n\n${table(result)}`);
    return result.ok ? 0 : 1;
  } finally {
    for (const d of devices) d.stop();
    await cluster.stopAll();
    await infra.close(opts.keep);
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error("chaos run failed:", err instanceof Error ? err.message : err);
    process.exit(2);
  },
);
