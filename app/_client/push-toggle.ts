// Whether this device gets push notifications, as one shared state: the sidebar's toggle and
// Settings › Notifications show the same thing, and a change in one shows in the other.
import { createStore } from "zustand/vanilla";
import { disablePush, enablePush, type PushState, pushState } from "./push-notifications";

export interface PushToggle {
  /** null until read; "busy" while a change is on its way. */
  state: PushState | "busy" | null;
}

export const pushToggle = createStore<PushToggle>()(() => ({ state: null }));

let loading: Promise<void> | null = null;

/** Reads the browser's state once per page (both toggles ask). */
export function loadPushState(): Promise<void> {
  loading ??= pushState().then(
    (state) => pushToggle.setState({ state }),
    () => pushToggle.setState({ state: "unsupported" }),
  );
  return loading;
}

/**
 * Turns push on (asks for permission: call from a click) or off. A failure leaves the state as the
 * browser now has it and is thrown, for the caller to say why where the user clicked.
 */
export async function turnPush(on: boolean): Promise<void> {
  pushToggle.setState({ state: "busy" });
  try {
    pushToggle.setState({ state: await (on ? enablePush() : disablePush()) });
  } catch (err) {
    pushToggle.setState({ state: await pushState().catch(() => "off" as const) });
    throw err;
  }
}

/**
 * A password change deletes every push subscription on the server (server/users/change-password.ts):
 * a device that had push on registers its subscription again, from the session that stays.
 */
export async function renewPushSubscription(): Promise<void> {
  if ((await pushState().catch(() => "off")) !== "on") return;
  await enablePush().catch(() => {});
}
