import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CursorTracker } from "./cursor-tracker";
import { contiguousSeq } from "./local-store";

describe("CursorTracker", () => {
  it("moves the cursor over consecutive seqs only", () => {
    const t = new CursorTracker();
    t.start("c", 0);
    expect(t.hold("c", [1, 2])).toBe(true);
    expect(t.cursor("c")).toBe(2);
    expect(t.hold("c", [5])).toBe(false);
    expect(t.cursor("c")).toBe(2);
    expect(t.gap("c")).toEqual({ after: 2, upTo: 5 });
    expect(t.gaps()).toEqual(["c"]);
    expect(t.hold("c", [4, 3])).toBe(true);
    expect(t.cursor("c")).toBe(5);
    expect(t.gap("c")).toBeNull();
  });

  it("starts a channel first seen in the list at its lastSeq", () => {
    const t = new CursorTracker();
    t.start("c", 40);
    expect(t.hold("c", [12, 39, 40])).toBe(false);
    expect(t.gap("c")).toBeNull();
    expect(t.hold("c", [41])).toBe(true);
    expect(t.cursor("c")).toBe(41);
  });

  it("counts seqs held before the channel was known once it starts", () => {
    const t = new CursorTracker();
    t.hold("c", [3, 4, 7]);
    expect(t.has("c")).toBe(false);
    t.start("c", 2);
    expect(t.cursor("c")).toBe(4);
    expect(t.gap("c")).toEqual({ after: 4, upTo: 7 });
    // Held seqs at or below a baseline are not a gap.
    const u = new CursorTracker();
    u.hold("d", [1, 2]);
    u.start("d", 5);
    expect(u.cursor("d")).toBe(5);
    expect(u.gap("d")).toBeNull();
  });

  it("keeps a started cursor when the channel is seen again", () => {
    const t = new CursorTracker();
    t.start("c", 0);
    t.hold("c", [1, 2, 3]);
    t.start("c", 100);
    expect(t.cursor("c")).toBe(3);
    expect(t.snapshot()).toEqual({ c: 3 });
  });

  it("restores a cursor with the seqs held above it", () => {
    const t = new CursorTracker();
    t.restore("c", 10, 20, [22, 21, 25]);
    expect(t.cursor("c")).toBe(22);
    expect(t.baseline("c")).toBe(10);
    expect(t.heldAhead("c")).toEqual([25]);
  });

  it("ignores seqs that are not positive integers", () => {
    const t = new CursorTracker();
    t.start("c", 0);
    t.hold("c", [0, -1, 1.5, Number.NaN, 1]);
    expect(t.cursor("c")).toBe(1);
    expect(t.heldAhead("c")).toEqual([]);
  });

  it("any order and duplication of deliveries gives the same cursor and held seqs", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 60 }), { maxLength: 60 }),
        fc.infiniteStream(fc.nat()),
        fc.integer({ min: 0, max: 60 }),
        (baseline, seqs, random, startAfter) => {
          // Each seq delivered one to three times, in a shuffled order, in batches of random sizes;
          // the channel itself becomes known somewhere in the middle (its `channel` event or list).
          const deliveries: number[] = [];
          for (const seq of seqs) for (let k = 0; k <= (random.next().value as number) % 3; k++) deliveries.push(seq);
          for (let i = deliveries.length - 1; i > 0; i--) {
            const j = (random.next().value as number) % (i + 1);
            [deliveries[i], deliveries[j]] = [deliveries[j]!, deliveries[i]!];
          }
          const t = new CursorTracker();
          let at = 0;
          let started = false;
          while (at < deliveries.length) {
            if (!started && at >= startAfter) {
              t.start("c", baseline);
              started = true;
            }
            const n = 1 + ((random.next().value as number) % 5);
            t.hold("c", deliveries.slice(at, at + n));
            at += n;
          }
          if (!started) t.start("c", baseline);

          const sorted = [...seqs].sort((a, b) => a - b);
          const cursor = contiguousSeq(baseline, sorted);
          expect(t.cursor("c")).toBe(cursor);
          expect(t.heldAhead("c")).toEqual(sorted.filter((s) => s > cursor));
          const above = sorted.filter((s) => s > cursor);
          expect(t.gap("c")).toEqual(above.length ? { after: cursor, upTo: above.at(-1) } : null);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("CursorTracker versions (changes applied)", () => {
  it("starts where told, moves only forward, and live changes only by the very next one", () => {
    const t = new CursorTracker();
    t.start("c", 0, [], 0);
    expect(t.appliedLive("c", 2)).toBe(false); // 1 was not seen: a sync answers it
    expect(t.version("c")).toBe(0);
    expect(t.appliedLive("c", 1)).toBe(true);
    expect(t.appliedLive("c", 2)).toBe(true);
    expect(t.version("c")).toBe(2);
    expect(t.applied("c", 1)).toBe(false);
    expect(t.applied("c", 9)).toBe(true);
    expect(t.snapshotWithVersions()).toEqual({ c: { seq: 0, version: 9 } });
    // A channel not started has no version to move.
    expect(t.appliedLive("other", 1)).toBe(false);
    t.start("late", 200, [], 350);
    expect(t.snapshotWithVersions().late).toEqual({ seq: 200, version: 350 });
    t.restore("c", 0, 4, [], 7);
    expect(t.version("c")).toBe(7);
    t.forget("c");
    expect(t.version("c")).toBeUndefined();
  });
});
