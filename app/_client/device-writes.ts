// The device store's handle and the order of writes to it. Writes go one transaction each, in
// the order made; channel and user changes in the zustand store are copied to it as they happen.
// device-state decides what is written (messages with their cursors); this file, how.
import type { User } from "@/lib/contract/models";
import { type ChatLocalStore, createMemoryLocalStore, type DeviceWrite, type StoredChannel } from "./local-store";
import { type ChannelEntry, chatStore } from "./store";

let local: ChatLocalStore = createMemoryLocalStore();
let writes: Promise<void> = Promise.resolve();
let unmirror: (() => void) | null = null;

/** Writes in order, one transaction each; a failed write is logged (the next sync repairs it). */
export function writeToDevice(w: DeviceWrite): void {
  const store = local;
  writes = writes.then(
    () =>
      store.write(w).catch((err: unknown) => {
        console.warn("Could not store on this device:", err);
      }),
  );
}

/** Resolves when everything written so far is stored. */
export function deviceWritesDone(): Promise<void> {
  return writes;
}

export function localStore(): ChatLocalStore {
  return local;
}

/**
 * Channel and user changes in the zustand store, whatever made them (sync, events, reads, mutes,
 * leaving), are copied to the device store, a batch per tick.
 */
function mirrorToLocal(): () => void {
  const dirty = new Set<string>();
  const gone = new Set<string>();
  const users = new Map<string, User>();
  let queued = false;
  const flush = () => {
    queued = false;
    const { channels } = chatStore.getState();
    const put: StoredChannel[] = [];
    for (const id of dirty) {
      const c = channels[id];
      if (c) put.push(toStored(c));
    }
    writeToDevice({ channels: put, dropChannels: [...gone], users: [...users.values()] });
    dirty.clear();
    gone.clear();
    users.clear();
  };
  return chatStore.subscribe((s, prev) => {
    if (s.channels !== prev.channels) {
      for (const [id, c] of Object.entries(s.channels)) {
        if (prev.channels[id] !== c) {
          dirty.add(id);
          gone.delete(id);
        }
      }
      for (const id of Object.keys(prev.channels)) {
        if (!s.channels[id]) {
          gone.add(id);
          dirty.delete(id);
        }
      }
    }
    if (s.users !== prev.users) for (const [id, u] of Object.entries(s.users)) if (prev.users[id] !== u) users.set(id, u);
    if (!queued && (dirty.size || gone.size || users.size)) {
      queued = true;
      queueMicrotask(flush);
    }
  });
}

function toStored(c: ChannelEntry): StoredChannel {
  const { presence: _presence, ...rest } = c;
  return rest;
}

/** Writes go to `store` from now on, and the zustand store's channels and users are mirrored to it. */
export function attachDeviceStore(store: ChatLocalStore): void {
  detachDeviceStore();
  local = store;
  unmirror = mirrorToLocal();
}

/** Stops writing to the device store (before the zustand store is reset). Returns that store. */
export function detachDeviceStore(): ChatLocalStore {
  unmirror?.();
  unmirror = null;
  const was = local;
  local = createMemoryLocalStore();
  return was;
}
