import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import type { Message } from "../../lib/contract/models";
import { api, call, closeAllDevices, connectDevice, signUp, startTestServer } from "../support/test-server";

// Its own file: one app per test process (server/runtime.ts holds one runtime).
afterAll(() => closeAllDevices());
const send = (s: Parameters<typeof call>[0], body: string, clientMsgId: string, channelId: string) =>
  call(s, "message:send", { channelId, clientMsgId, body });

describe("send rate limit", () => {
  it("answers rate_limited past MESSAGE_RATE_LIMIT and stores nothing for the refused sends", async () => {
    const limited = await startTestServer({ MESSAGE_RATE_LIMIT: "5", MESSAGE_RATE_WINDOW_SECONDS: "60" });
    try {
      const x = await signUp(limited, "Xavier");
      const y = await signUp(limited, "Yara");
      const ch = await api(limited, "POST", "/api/channels", { token: x.token, body: { kind: "direct", memberIds: [y.id] } });
      const dev = await connectDevice(limited, { token: x.token });
      const acks = [];
      for (let i = 0; i < 7; i++) acks.push(await send(dev, `n${i}`, randomUUID(), ch.body.channel.id));
      expect(acks.slice(0, 5).every((a) => a.ok)).toBe(true);
      expect(acks.slice(5).map((a) => a.error.code)).toEqual(["rate_limited", "rate_limited"]);
      const other = await connectDevice(limited, { token: y.token });
      expect((await send(other, "y is fine", randomUUID(), ch.body.channel.id)).ok).toBe(true);
      const page = await api(limited, "GET", `/api/channels/${ch.body.channel.id}/messages`, { token: y.token });
      expect(page.body.messages.map((m: Message) => m.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    } finally {
      await limited.stop();
    }
  });
});
