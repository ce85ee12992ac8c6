import { describe, expect, it } from "vitest";
import type { Attachment } from "@/lib/contract/models";
import { addFiles, type DraftFile, failed, finished, notUploaded, percentOf, progressed, removeFile, started, waiting } from "./upload-queue";

const draft = (localId: string, size = 1000): DraftFile => ({
  localId,
  name: `${localId}.bin`,
  size,
  type: "application/octet-stream",
  blob: new Blob([new Uint8Array(size)]),
  state: "waiting",
  loaded: 0,
});

const attachment = (id: string): Attachment => ({ id, name: `${id}.bin`, size: 1000, type: "application/octet-stream", url: `/api/files/${id}` });

describe("upload queue", () => {
  it("adds at most ten files to a message and counts the rest", () => {
    const eight = Array.from({ length: 8 }, (_, i) => draft(`f${i}`));
    const { list, refused } = addFiles(eight, [draft("a"), draft("b"), draft("c")]);
    expect(list.map((f) => f.localId)).toEqual([...eight.map((f) => f.localId), "a", "b"]);
    expect(refused).toBe(1);
    expect(addFiles(list, [draft("d")])).toMatchObject({ refused: 1, list });
  });

  it("goes from waiting to uploading to done, with progress", () => {
    let l = [draft("a"), draft("b")];
    l = started(l, "a");
    expect(l[0]).toMatchObject({ state: "uploading", loaded: 0 });
    l = progressed(l, "a", 500);
    expect(percentOf(l[0]!)).toBe(50);
    l = progressed(l, "a", 5000);
    expect(l[0]!.loaded).toBe(1000);
    l = finished(l, "a", attachment("x"));
    expect(l[0]).toMatchObject({ state: "done", attachment: { id: "x" } });
    expect(percentOf(l[0]!)).toBe(100);
    expect(l[1]).toEqual(draft("b")); // the other file untouched
    expect(notUploaded(l).map((f) => f.localId)).toEqual(["b"]);
  });

  it("ignores progress that comes after the answer", () => {
    let l = finished(started([draft("a")], "a"), "a", attachment("x"));
    l = progressed(l, "a", 10);
    expect(l[0]).toMatchObject({ state: "done", loaded: 1000 });
  });

  it("waits when the network is gone and fails with the reason otherwise", () => {
    let l = progressed(started([draft("a")], "a"), "a", 400);
    l = waiting(l, "a");
    expect(l[0]).toMatchObject({ state: "waiting", loaded: 0 });
    l = failed(started(l, "a"), "a", "Too large");
    expect(l[0]).toMatchObject({ state: "failed", error: "Too large" });
    expect(percentOf(l[0]!)).toBe(0);
    expect(started(l, "a")[0]).toMatchObject({ state: "uploading", error: undefined });
  });

  it("removes a cancelled file only", () => {
    expect(removeFile([draft("a"), draft("b")], "a").map((f) => f.localId)).toEqual(["b"]);
  });

  it("counts an empty file as 0 percent until done", () => {
    expect(percentOf({ state: "uploading", loaded: 0, size: 0 })).toBe(0);
    expect(percentOf({ state: "done", loaded: 0, size: 0 })).toBe(100);
  });
});
