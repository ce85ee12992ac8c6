// One simulated client device: finds its node through GET /api/discovery, connects with the
// websocket transport, keeps what it receives (live and through `sync`) per channel, and sends
// with retries by the same clientMsgId. After any disconnect it asks discovery again, reconnects,
// `sync`s from its cursors and resends whatever is still unacknowledged, as the web client does.
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "../../lib/contract/events";
import type { Message } from "../../lib/contract/models";
import { judgeLive, type OrderFault } from "./live-order";

type Sock = Socket<ServerToClientEvents, ClientToServerEvents>;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ACK_TIMEOUT_MS = 5000;

export interface SimUser {
  index: number;
  id: string;
  token: string;
  channels: string[];
}

/** One message as the load sent it: every attempt uses the same clientMsgId. */
export interface Sent {
  clientMsgId: string;
  channelId: string;
  senderId: string;
  device: string;
  firstEmitAt: number;
  attempts: number;
  ackAt?: number;
  seq?: number;
  /** A second ack that named another seq than the first one (a duplicate). */
  ackConflict?: number;
  /** Refused for good (not rate_limited/internal): never acknowledged. */
  failed?: string;
  /** The attempt in flight, by connection number. */
  inflight?: number;
}

export interface Reconnect {
  phase: string;
  downAt: number;
  connectedAt?: number;
  syncedAt?: number;
  attempts: number;
}

export interface OutOfOrder {
  channelId: string;
  seq: number;
  previous: number;
  kind: OrderFault;
}

/** What every device reports into (shared by the run). */
export interface Recorder {
  phase(): string;
  discovery(at: number, url: string, device: string): void;
  presence(at: number, observer: string, userId: string, online: boolean): void;
}

/** The HTTP entry points (a load balancer in front of the nodes' HTTP): any that answers. */
export type EntryPoints = () => string[];

export class Device {
  readonly key: string;
  socket: Sock | null = null;
  url: string | null = null;
  connected = false;
  synced = false;
  stopped = false;
  /** Connection intervals: [connect, disconnect or null]. */
  readonly intervals: Array<{ from: number; to: number | null; url: string }> = [];
  readonly held = new Map<string, Map<number, string>>();
  readonly cursor = new Map<string, number>();
  /** `${channelId}:${seq}` received as a live `message` event. */
  readonly live = new Set<string>();
  readonly outOfOrder: OutOfOrder[] = [];
  /** One seq held with two clientMsgIds, or one clientMsgId at two seqs. */
  readonly conflicts: string[] = [];
  readonly reconnects: Reconnect[] = [];
  private readonly outbox = new Map<string, Sent>();
  private readonly seqOfClientMsg = new Map<string, number>();
  private lastLive = new Map<string, number>();
  private conn = 0;
  /** Why the last connection attempt failed (a report of a device that never came back). */
  private lastConnectError: string | null = null;
  private attemptsSinceDown = 0;
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(
    readonly user: SimUser,
    deviceNo: number,
    private readonly entries: EntryPoints,
    private readonly rec: Recorder,
  ) {
    this.key = `u${user.index}d${deviceNo}`;
    for (const c of user.channels) {
      this.held.set(c, new Map());
      this.cursor.set(c, 0);
    }
  }

  /** First connection; resolves once connected and synced. */
  async start(): Promise<void> {
    this.heartbeat = setInterval(() => {
      if (this.connected) this.socket!.emit("heartbeat", {}, () => {});
    }, 20_000);
    await this.connectLoop(null);
  }

  send(s: Sent) {
    this.outbox.set(s.clientMsgId, s);
    if (this.connected && this.synced) this.emitSend(s);
  }

  unacked(): number {
    return this.outbox.size;
  }

  /** `sync` from the cursors until nothing more; throws when not connected. */
  async syncNow(): Promise<void> {
    if (!this.socket || !this.connected) {
      throw new Error(`${this.key} is not connected (${this.attemptsSinceDown} attempts since it went down; last: ${this.lastConnectError ?? "none"})`);
    }
    await this.sync(this.socket);
  }

  stop() {
    this.stopped = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.socket?.disconnect();
  }

  /** Connected over the whole of [from, to] in one connection. */
  connectedThroughout(from: number, to: number): boolean {
    return this.intervals.some((i) => i.from <= from && (i.to === null || i.to >= to));
  }

  private async connectLoop(reconnect: Reconnect | null): Promise<void> {
    for (let attempt = 1; !this.stopped; attempt++) {
      if (reconnect) reconnect.attempts = attempt;
      this.attemptsSinceDown = attempt;
      const url = await this.discover();
      if (!url) this.lastConnectError = "discovery: no entry point answered";
      if (url) {
        try {
          await this.open(url, reconnect);
          return;
        } catch (err) {
          /* refused or unreachable: ask discovery again after a pause */
          this.lastConnectError = `${url}: ${(err as Error).message}`;
        }
      }
      // Backoff with jitter, as clients should, so a node's users do not come back in step.
      await sleep(Math.min(2000, 100 * 2 ** Math.min(attempt, 5)) * (0.5 + Math.random()));
    }
  }

  private async discover(): Promise<string | null> {
    const entries = [...this.entries()].sort(() => Math.random() - 0.5);
    for (const entry of entries) {
      try {
        const res = await fetch(`${entry}/api/discovery`, { signal: AbortSignal.timeout(2000) });
        if (!res.ok) continue;
        const { url } = (await res.json()) as { url: string };
        this.rec.discovery(Date.now(), url, this.key);
        return url;
      } catch {
        /* that entry is down: try the next */
      }
    }
    return null;
  }

  private open(url: string, reconnect: Reconnect | null): Promise<void> {
    const conn = ++this.conn;
    const s: Sock = io(url, {
      auth: { token: this.user.token },
      transports: ["websocket"],
      reconnection: false,
      forceNew: true,
      timeout: 5000,
    });
    s.on("message", (m) => conn === this.conn && this.onLive(m));
    s.on("presence", (p) => {
      if (p.userId !== this.user.id) this.rec.presence(Date.now(), this.key, p.userId, p.online);
    });
    return new Promise((resolve, reject) => {
      s.once("connect_error", (err) => {
        s.close();
        reject(err);
      });
      s.once("connect", () => {
        const interval = { from: Date.now(), to: null as number | null, url };
        this.intervals.push(interval);
        this.socket = s;
        this.url = url;
        this.connected = true;
        this.synced = false;
        this.lastLive = new Map();
        if (reconnect) reconnect.connectedAt = interval.from;
        s.once("disconnect", () => {
          interval.to = Date.now();
          this.connected = false;
          this.synced = false;
          if (this.stopped) return;
          const r: Reconnect = { phase: this.rec.phase(), downAt: interval.to, attempts: 0 };
          this.reconnects.push(r);
          void this.connectLoop(r);
        });
        resolve();
        void this.afterConnect(s, conn, reconnect);
      });
    });
  }

  private async afterConnect(s: Sock, conn: number, reconnect: Reconnect | null) {
    // A sync that fails while the connection stays up (a timeout on a busy node) is asked again
    // after a pause, as the web client does (app/_client/catch-up.ts); without this the device
    // would sit connected, unsynced, and never resend its outbox.
    for (;;) {
      try {
        await this.sync(s);
        break;
      } catch {
        if (conn !== this.conn || !this.connected || this.stopped) return; // the next connection syncs
        await sleep(3000);
      }
    }
    if (conn !== this.conn || !this.connected) return;
    this.synced = true;
    if (reconnect) reconnect.syncedAt = Date.now();
    for (const sent of this.outbox.values()) this.emitSend(sent);
  }

  private async sync(s: Sock) {
    const cursors: Record<string, number> = Object.fromEntries(this.cursor);
    for (;;) {
      const ack = (await s.timeout(10_000).emitWithAck("sync", { cursors, limit: 1000 })) as
        | { ok: true; messages: Message[]; more: boolean }
        | { ok: false; error: { code: string } };
      if (!ack.ok) {
        if (ack.error.code === "rate_limited") {
          await sleep(3000);
          continue;
        }
        throw new Error(`sync refused: ${ack.error.code}`);
      }
      for (const m of ack.messages) {
        this.hold(m);
        cursors[m.channelId] = Math.max(cursors[m.channelId] ?? 0, m.seq);
      }
      if (!ack.more) return;
    }
  }

  private emitSend(sent: Sent) {
    if (!this.socket || !this.connected || sent.inflight === this.conn) return;
    const s = this.socket;
    const conn = this.conn;
    sent.inflight = conn;
    sent.attempts++;
    s.timeout(ACK_TIMEOUT_MS).emit(
      "message:send",
      { channelId: sent.channelId, clientMsgId: sent.clientMsgId, body: `chaos ${sent.clientMsgId}` },
      (err: Error | null, ack: { ok: boolean; message?: Message; error?: { code: string } }) => {
        if (sent.inflight === conn) sent.inflight = undefined;
        if (!err && ack.ok && ack.message) {
          if (sent.seq !== undefined && sent.seq !== ack.message.seq) sent.ackConflict = ack.message.seq;
          if (sent.ackAt === undefined) {
            sent.ackAt = Date.now();
            sent.seq = ack.message.seq;
          }
          this.outbox.delete(sent.clientMsgId);
          return;
        }
        if (sent.ackAt !== undefined) return;
        const code = err ? "timeout" : ack.error?.code;
        if (code === "timeout" || code === "rate_limited" || code === "internal") {
          // Same clientMsgId again: on this connection after a pause, or on the next one.
          setTimeout(() => conn === this.conn && this.emitSend(sent), code === "timeout" ? 0 : 500);
          return;
        }
        sent.failed = code ?? "unknown";
        this.outbox.delete(sent.clientMsgId);
      },
    );
  }

  private onLive(m: Message) {
    const previous = this.lastLive.get(m.channelId);
    const fault = judgeLive(previous, m.seq, this.cursor.get(m.channelId) ?? 0);
    if (fault) this.outOfOrder.push({ channelId: m.channelId, seq: m.seq, previous: previous!, kind: fault });
    this.lastLive.set(m.channelId, Math.max(previous ?? 0, m.seq));
    this.live.add(`${m.channelId}:${m.seq}`);
    this.hold(m);
  }

  private hold(m: Message) {
    const seqs = this.held.get(m.channelId);
    if (!seqs) return; // not a channel of this run
    const had = seqs.get(m.seq);
    if (had !== undefined && had !== m.clientMsgId) this.conflicts.push(`${m.channelId}:${m.seq} held as ${had} and ${m.clientMsgId}`);
    const idKey = `${m.channelId}:${m.senderId}:${m.clientMsgId}`;
    const seqOf = this.seqOfClientMsg.get(idKey);
    if (seqOf !== undefined && seqOf !== m.seq) this.conflicts.push(`${m.clientMsgId} at seq ${seqOf} and ${m.seq}`);
    this.seqOfClientMsg.set(idKey, m.seq);
    if (had !== undefined) return;
    seqs.set(m.seq, m.clientMsgId);
    let c = this.cursor.get(m.channelId) ?? 0;
    while (seqs.has(c + 1)) c++;
    this.cursor.set(m.channelId, c);
  }
}
