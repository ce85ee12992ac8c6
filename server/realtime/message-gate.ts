// The ordering gate of one node: every `message` event reaches this node's own sockets through
// it, in seq order per channel. Messages of one channel can reach a node out of order when
// several nodes store them (each publishes after its own commit, and the Redis stream interleaves
// the nodes; a node's own message is local at once while another node's earlier one is still
// in transit). The gate remembers, per channel, the last seq it emitted:
//   seq <= last      → already delivered (a retry's republish, a gap filled from the database): dropped;
//   seq == last + 1  → emitted;
//   seq >  last + 1  → the missing seqs are committed already (the channel row lock makes seq n
//                      commit before seq n+1 is numbered): after a short wait for them to arrive,
//                      they are read from the database and emitted first, in order;
//   no state         → (after the same short wait, so that a burst's first arrivals get sorted)
//                      the channel's messages just before the first arrival that were stored in
//                      the last `recentMs` are read from the database and emitted first (an
//                      earlier one may still be on its way from another node, later than the
//                      wait; a device that has one already drops the copy), then tracked from
//                      there on.
// Work per channel is serialized: while a gap is being filled, later arrivals wait behind it.
import type { Message } from "../../lib/contract/models";
import type { Logger } from "../log";

export interface MessageGateOptions {
  /** Emits to this node's sockets in the channel's room. */
  emit(message: Message): void;
  /**
   * The channel's messages with after < seq < before, ascending. Absent: gaps are not filled
   * (one node, whose own writer already publishes each channel in seq order).
   */
  fetchBetween?(channelId: string, after: number, before: number): Promise<Message[]>;
  log: Logger;
  /** Channels remembered; the least recently used beyond this are forgotten. */
  maxChannels?: number;
  /** A larger gap is not filled here: the message is emitted and clients fetch the gap. */
  maxGap?: number;
  /** How long a gap may wait for its messages to arrive before they are read from the database. */
  holdMs?: number;
  /** A channel first seen: messages stored this recently before its first arrival are emitted first. */
  recentMs?: number;
}

/** Counts since start, for metrics. */
export interface GateStats {
  /** Emitted to this node's sockets. */
  emitted: number;
  /** Already emitted (a retry's republish, a straggler of a filled gap): not emitted again. */
  dropped: number;
  /** Read from the database to fill a gap (and emitted). */
  filled: number;
  /** Gaps not filled here (too large, or the read failed): devices fetch them. */
  gapsLeft: number;
}

export interface MessageGate {
  offer(message: Message): void;
  stats(): GateStats;
  /** Resolves once every message offered so far has been emitted or dropped (tests, shutdown). */
  idle(): Promise<void>;
}

interface ChannelState {
  /** The last seq emitted; null until the first. */
  last: number | null;
  /** Offered, not yet handled, ascending by seq. */
  pending: Message[];
  running: Promise<void> | null;
  /** Called when a message is offered while the runner waits for a gap to close. */
  wake: (() => void) | null;
}

export function createMessageGate(opts: MessageGateOptions): MessageGate {
  const { emit, fetchBetween, log } = opts;
  const maxChannels = opts.maxChannels ?? 10_000;
  const maxGap = opts.maxGap ?? 200;
  const holdMs = opts.holdMs ?? 50;
  const recentMs = opts.recentMs ?? 10_000;
  // Insertion order is recency order: a touched channel is re-inserted at the end.
  const channels = new Map<string, ChannelState>();
  const stats: GateStats = { emitted: 0, dropped: 0, filled: 0, gapsLeft: 0 };

  function stateOf(channelId: string): ChannelState {
    let st = channels.get(channelId);
    if (st) channels.delete(channelId);
    else st = { last: null, pending: [], running: null, wake: null };
    channels.set(channelId, st);
    if (channels.size > maxChannels) evict();
    return st;
  }

  function evict() {
    for (const [id, st] of channels) {
      if (channels.size <= maxChannels) return;
      if (!st.running && st.pending.length === 0) channels.delete(id);
    }
  }

  const gapClosed = (st: ChannelState) => st.last === null || st.pending[0]!.seq <= st.last + 1;

  /** Until the gap at the head of `pending` closes or `ms` pass. */
  async function waitForGap(st: ChannelState, ms: number) {
    const deadline = Date.now() + ms;
    while (!gapClosed(st) && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, deadline - Date.now());
        st.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      st.wake = null;
    }
  }

  function send(st: ChannelState, m: Message) {
    if (st.last !== null && m.seq > st.last + 1) stats.gapsLeft++;
    st.last = m.seq;
    stats.emitted++;
    try {
      emit(m);
    } catch (err) {
      log.error({ err, channelId: m.channelId, seq: m.seq }, "emitting a message failed");
    }
  }

  async function run(channelId: string, st: ChannelState) {
    // A channel first seen amid a burst: its first arrivals may be out of order, and whatever is
    // emitted first sets the floor. Let the burst gather first (several nodes only).
    if (st.last === null && fetchBetween) {
      await new Promise((r) => setTimeout(r, holdMs));
      await catchUpRecent(channelId, st, fetchBetween);
    }
    while (st.pending.length > 0) {
      const next = st.pending[0]!;
      if (st.last !== null && next.seq <= st.last) {
        st.pending.shift();
        stats.dropped++;
        continue;
      }
      if (st.last === null || next.seq === st.last + 1 || !fetchBetween || next.seq - st.last - 1 > maxGap) {
        st.pending.shift();
        send(st, next);
        continue;
      }
      // A gap: usually its messages are a few milliseconds behind on the Redis stream.
      await waitForGap(st, holdMs);
      if (gapClosed(st)) continue;
      const from = st.last;
      const head = st.pending[0]!;
      try {
        for (const m of await fetchBetween(channelId, from, head.seq)) {
          if (m.seq <= st.last) continue;
          stats.filled++;
          send(st, m);
        }
      } catch (err) {
        log.error({ err, channelId, after: from, before: head.seq }, "filling a message gap failed: clients fetch it");
      }
      // Whatever the database answered, the head goes out now (a gap left is the clients' to fetch).
      if (st.pending[0] === head) {
        st.pending.shift();
        if (head.seq > st.last) send(st, head);
        else stats.dropped++;
      }
    }
  }

  /**
   * Before a channel's first arrival: its messages stored in the last `recentMs` (at most
   * `maxGap`). Without this, an earlier message slower on the Redis stream than the first wait
   * would be dropped as "below the floor" and reach this node's devices only by their gap fetch.
   */
  async function catchUpRecent(channelId: string, st: ChannelState, fetch: NonNullable<MessageGateOptions["fetchBetween"]>) {
    const head = st.pending[0];
    if (!head || head.seq <= 1 || st.last !== null) return;
    const since = Date.now() - recentMs;
    try {
      for (const m of await fetch(channelId, Math.max(0, head.seq - 1 - maxGap), head.seq)) {
        if (Date.parse(m.createdAt) < since || (st.last !== null && m.seq <= st.last)) continue;
        stats.filled++;
        send(st, m);
      }
    } catch (err) {
      log.error({ err, channelId, before: head.seq }, "reading a channel's recent messages failed");
    }
  }

  function start(channelId: string, st: ChannelState) {
    st.running = run(channelId, st)
      .catch((err: unknown) => log.error({ err, channelId }, "message gate failed"))
      .finally(() => {
        st.running = null;
        // Offered during the runner's last await, after its loop saw an empty queue.
        if (st.pending.length > 0) start(channelId, st);
      });
  }

  return {
    offer(message) {
      const st = stateOf(message.channelId);
      let i = st.pending.length;
      while (i > 0 && st.pending[i - 1]!.seq > message.seq) i--;
      if ((st.last !== null && message.seq <= st.last) || st.pending[i - 1]?.seq === message.seq) {
        stats.dropped++;
        return;
      }
      st.pending.splice(i, 0, message);
      if (st.wake) st.wake();
      else if (!st.running) start(message.channelId, st);
    },
    stats: () => ({ ...stats }),
    async idle() {
      for (;;) {
        const busy = [...channels.values()].map((st) => st.running).filter((r): r is Promise<void> => r !== null);
        if (busy.length === 0) return;
        await Promise.all(busy);
      }
    },
  };
}
