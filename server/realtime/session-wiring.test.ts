import { afterEach, describe, expect, it, vi } from "vitest";
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

afterEach(() => vi.useRealTimers());

describe("guardSession", () => {
  it("closes the socket when its credential expires, even 60 days out (past setTimeout's range)", async () => {
    vi.useFakeTimers();
    const day = 86_400_000;
    const s = fakeSocket(Date.now() + 60 * day);
    guardSession(s as unknown as ChatSocket);
    await vi.advanceTimersByTimeAsync(30 * day);
    expect(s.disconnect).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(30 * day - 1000);
    expect(s.disconnect).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1000);
    expect(s.disconnect).toHaveBeenCalledWith(true);
  });
});
