import type { Db } from "../db/types";
import type { Logger } from "../log";
import { type NodeInfo, refreshNode, removeNode } from "./node-registry";

/** Keeps this node's discovery row fresh; the returned stop removes it (graceful shutdown). */
export function startNodeHeartbeat(db: Db, log: Logger, info: () => NodeInfo, everyMs: number) {
  const beat = () => refreshNode(db, info()).catch((err: unknown) => log.error({ err }, "node heartbeat failed"));
  let running = beat();
  const timer = setInterval(() => {
    running = running.then(beat);
  }, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
    await removeNode(db, info().id).catch(() => {});
  };
}
