// The services of the app serving the current HTTP request. Next compiles route handlers into its
// own bundle, with its own copies of our modules, so module state cannot carry them; and several
// apps may run in one process (tests), so one global value cannot either. Each app's HTTP server
// runs every request inside `runWithServices`, and the one AsyncLocalStorage that carries them is
// shared by both module copies through a process-wide symbol.
import { AsyncLocalStorage } from "node:async_hooks";
import type { AppServices } from "./app-services";

/** What route handlers use of the app's services. */
export type Runtime = Pick<
  AppServices,
  "config" | "db" | "publisher" | "vapidPublicKey" | "loginLimiter" | "signupQuota" | "inviteQuota" | "log" | "authSecret" | "files"
>;

const SLOT = Symbol.for("chat.app-services");
type Slot = { [SLOT]?: AsyncLocalStorage<AppServices> };

function scope(): AsyncLocalStorage<AppServices> {
  return ((globalThis as Slot)[SLOT] ??= new AsyncLocalStorage<AppServices>());
}

/** Runs `fn` (one request of an app, to its end) with that app's services. */
export function runWithServices<T>(services: AppServices, fn: () => T): T {
  return scope().run(services, fn);
}

export function getRuntime(): Runtime {
  const rt = scope().getStore();
  if (!rt) throw new Error("no app services for this request: run the app through server/app.ts (npm start)");
  return rt;
}
