import { afterEach, describe, expect, it, vi } from "vitest";
import type { Db } from "../db/types";
import type { Logger } from "../log";
import { guardSession } from "./session-wiring";
import type { ChatSocket } from "./types";

function fakeSocket(expiresAt: number) {
  const listeners: Record<string, () => void> = {};
  const socket = {
    data: { userId: "u1", sessionId: "s1", sessionExpiresAt: expiresAt },
    disconnect: vi.fn(() => listeners.disconnect?.()),
    on: (event: string, fn: () => void) => void (listeners[event] = fn),
  };
  return socket;
}
const deps = (live: boolean) => ({
  db: { authSession: { count: async () => (live ? 1 : 0) } } as unknown as Db,
  log: { error: vi.fn() } as unknown as Logger,
});

afterEach(() => vi.useRealTimers());

describe("guardSession", () => {
  it("closes the socket when its credential expires, even 60 days out (past setTimeout's range)", async () => {
    vi.useFakeTimers();
    const day = 86_400_000;
    const s = fakeSocket(Date.now() + 60 * day);
    guardSession(s as unknown as ChatSocket, deps(true));
    await vi.advanceTimersByTimeAsync(30 * day);
    expect(s.disconnect).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(30 * day - 1000);
    expect(s.disconnect).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1000);
    expect(s.disconnect).toHaveBeenCalledWith(true);
  });

  it("closes a socket whose session ended while it connected", async () => {
    const s = fakeSocket(Date.now() + 60_000);
    guardSession(s as unknown as ChatSocket, deps(false));
    await vi.waitFor(() => expect(s.disconnect).toHaveBeenCalledWith(true));
  });

  it("leaves a live session's socket open", async () => {
    const s = fakeSocket(Date.now() + 60_000);
    guardSession(s as unknown as ChatSocket, deps(true));
    await new Promise((r) => setTimeout(r, 20));
    expect(s.disconnect).not.toHaveBeenCalled();
    s.disconnect();
  });
});
