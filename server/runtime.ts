// The process's shared services. Next compiles route handlers into its own bundle, with its own
// copies of our modules, so the one database pool and publisher that the server process created
// are handed over through a global slot instead of module state.
import type { Config } from "./config";
import type { Db } from "./db/types";
import type { Publisher } from "./events/publisher";
import type { LoginLimiter } from "./auth/login-limiter";
import type { Logger } from "./log";
import type { ChannelWriter } from "./messages/channel-writer";

export interface Runtime {
  config: Config;
  db: Db;
  publisher: Publisher;
  writer: ChannelWriter;
  vapidPublicKey: string;
  loginLimiter: LoginLimiter;
  log: Logger;
  authSecret: string;
}

const SLOT = Symbol.for("chat.runtime");
type Slot = { [SLOT]?: Runtime };

export function setRuntime(rt: Runtime | undefined): void {
  // One app per process: a second one would silently serve the first one's routes.
  if (rt && (globalThis as Slot)[SLOT]) throw new Error("an app is already running in this process");
  (globalThis as Slot)[SLOT] = rt;
}

export function getRuntime(): Runtime {
  const rt = (globalThis as Slot)[SLOT];
  if (!rt) throw new Error("server runtime not started: run the app through server/index.ts (npm start)");
  return rt;
}
