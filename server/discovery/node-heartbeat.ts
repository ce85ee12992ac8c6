import type { Db } from "../db/types";
import type { Logger } from "../log";
import { type NodeInfo, refreshNode, removeNode } from "./node-registry";

export interface NodeHeartbeat {
  /** The first beat has been written (or failed): start serving after it. */
  ready: Promise<void>;
  /** Beats once more now (e.g. to report `draining` at once). */
  beatNow(): Promise<void>;
  /** Stops beating and removes the row (graceful shutdown, after the node's sockets are closed). */
  stop(): Promise<void>;
}

/**
 * Keeps this node's ChatNode row fresh every `everyMs`. `onRevived` runs after a beat that found
 * the row missing or older than `liveWithinMs` (the node stalled, or lost the database, for that
 * long): other nodes may have taken it for dead meanwhile and swept its devices.
 */
export function startNodeHeartbeat(opts: {
  db: Db;
  log: Logger;
  info: () => NodeInfo;
  everyMs: number;
  liveWithinMs: number;
  onRevived?: () => Promise<void>;
}): NodeHeartbeat {
  const { db, log, info } = opts;
  let first = true;
  const beat = async () => {
    try {
      const wasLive = await refreshNode(db, info(), opts.liveWithinMs);
      if (!wasLive && !first && opts.onRevived) {
        log.warn({ nodeId: info().id }, "this node was silent past NODE_TIMEOUT_MS: registering its devices again");
        await opts.onRevived();
      }
      first = false;
    } catch (err) {
      log.error({ err }, "node heartbeat failed");
    }
  };
  let running = beat();
  const ready = running;
  const timer = setInterval(() => {
    running = running.then(beat);
  }, opts.everyMs);
  timer.unref();
  return {
    ready,
    beatNow() {
      running = running.then(beat);
      return running;
    },
    async stop() {
      clearInterval(timer);
      await running;
      await removeNode(db, info().id).catch(() => {});
    },
  };
}
