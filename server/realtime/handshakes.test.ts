import { describe, expect, it } from "vitest";
import { createHandshakes } from "./handshakes";

describe("handshake registry: moves and ends noted while handshakes are in flight", () => {
  it("a move after the mark is seen, one before it or of another user is not", () => {
    const h = createHandshakes();
    h.moved(["u1"]); // no handshake in flight: nothing to note
    const mark = h.begin();
    expect(h.movedSince("u1", mark)).toBe(false);
    h.moved(["u2"]);
    expect(h.movedSince("u1", mark)).toBe(false);
    h.moved(["u1", "u3"]);
    expect(h.movedSince("u1", mark)).toBe(true);
    expect(h.movedSince("u3", mark)).toBe(true);
    // A read again from a new mark sees only what comes after it.
    const again = h.mark();
    expect(h.movedSince("u1", again)).toBe(false);
    h.end();
  });

  it("ended sessions and moved users are told apart", () => {
    const h = createHandshakes();
    const mark = h.begin();
    h.ended(["x"]);
    expect(h.endedSince("x", mark)).toBe(true);
    expect(h.movedSince("x", mark)).toBe(false);
    h.moved(["y"]);
    expect(h.endedSince("y", mark)).toBe(false);
    h.end();
  });

  it("notes are forgotten once no handshake is in flight, and a later handshake starts clean", () => {
    const h = createHandshakes();
    const first = h.begin();
    h.moved(["u1"]);
    h.end();
    const second = h.begin();
    expect(second).toBeGreaterThan(first);
    expect(h.movedSince("u1", second)).toBe(false);
    h.end();
  });

  it("past the note limit every handshake begun before it reads again", () => {
    const h = createHandshakes();
    const mark = h.begin();
    h.moved(Array.from({ length: 10_001 }, (_, i) => `u${i}`));
    expect(h.movedSince("someone-else", mark)).toBe(true);
    const later = h.mark();
    expect(h.movedSince("someone-else", later)).toBe(false);
    h.end();
  });
});
