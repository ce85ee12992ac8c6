// Steady load: `rate` messages per second over all users, half to direct channels and half to
// groups, each from one of the sender's devices (a connected one when there is one; otherwise it
// waits in that device's outbox, as a client offline would hold it).
import { randomUUID } from "node:crypto";
import type { Device, Sent } from "./device";
import type { World } from "./world";

export interface Load {
  sent: Sent[];
  stop(): void;
}

export function startLoad(world: World, devices: Device[], rate: number): Load {
  const sent: Sent[] = [];
  const byUser = new Map<number, Device[]>();
  for (const d of devices) byUser.set(d.user.index, [...(byUser.get(d.user.index) ?? []), d]);
  const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)]!;
  const t0 = Date.now();
  const timer = setInterval(() => {
    // As many as are due since the start: the rate holds even when a tick comes late.
    const due = Math.floor(((Date.now() - t0) / 1000) * rate) - sent.length;
    for (let k = 0; k < due; k++) {
      const user = pick(world.users);
      const own = byUser.get(user.index)!;
      const device = pick(own.filter((d) => d.connected).length ? own.filter((d) => d.connected) : own);
      const kind = Math.random() < 0.5 ? "direct" : "group";
      const channels = user.channels.filter((c) => world.kind.get(c) === kind);
      const s: Sent = {
        clientMsgId: randomUUID(),
        channelId: pick(channels.length ? channels : user.channels),
        senderId: user.id,
        device: device.key,
        firstEmitAt: Date.now(),
        attempts: 0,
      };
      sent.push(s);
      device.send(s);
    }
  }, 20);
  return { sent, stop: () => clearInterval(timer) };
}
