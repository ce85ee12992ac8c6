// The files attached to a message being written, and how each one's upload stands. Pure
// transitions over a list (unit-tested); app/_client/uploads.ts holds the lists and does the work.
import type { Attachment } from "@/lib/contract/models";
import { LIMITS } from "@/lib/contract/limits";

export type UploadState = "waiting" | "uploading" | "done" | "failed";

/** A file chosen, pasted or dropped: kept whole (a Blob) until its message is acknowledged. */
export interface DraftFile {
  /** This device's id of the file, also the key of its upload in flight. */
  localId: string;
  name: string;
  size: number;
  /** What the browser says (the server decides from the bytes). */
  type: string;
  blob: Blob;
  state: UploadState;
  /** Bytes sent so far. */
  loaded: number;
  attachment?: Attachment;
  error?: string;
}

/**
 * Adds files up to the per-message limit; the ones over it are counted in `refused`, so the
 * composer can say so.
 */
export function addFiles(list: readonly DraftFile[], files: readonly DraftFile[], max = LIMITS.attachmentsPerMessageMax): { list: DraftFile[]; refused: number } {
  const room = Math.max(0, max - list.length);
  return { list: [...list, ...files.slice(0, room)], refused: Math.max(0, files.length - room) };
}

export function removeFile(list: readonly DraftFile[], localId: string): DraftFile[] {
  return list.filter((f) => f.localId !== localId);
}

function update(list: readonly DraftFile[], localId: string, patch: (f: DraftFile) => Partial<DraftFile>): DraftFile[] {
  return list.map((f) => (f.localId === localId ? { ...f, ...patch(f) } : f));
}

export function started(list: readonly DraftFile[], localId: string): DraftFile[] {
  return update(list, localId, () => ({ state: "uploading", loaded: 0, error: undefined }));
}

/** Progress events can come late (after the answer): a finished file keeps its state. */
export function progressed(list: readonly DraftFile[], localId: string, loaded: number): DraftFile[] {
  return update(list, localId, (f) => (f.state === "uploading" ? { loaded: Math.min(loaded, f.size) } : {}));
}

export function finished(list: readonly DraftFile[], localId: string, attachment: Attachment): DraftFile[] {
  return update(list, localId, (f) => ({ state: "done", loaded: f.size, attachment, error: undefined }));
}

/** Offline, or the connection dropped: it goes again when the device is back. */
export function waiting(list: readonly DraftFile[], localId: string): DraftFile[] {
  return update(list, localId, () => ({ state: "waiting", loaded: 0 }));
}

export function failed(list: readonly DraftFile[], localId: string, error: string): DraftFile[] {
  return update(list, localId, () => ({ state: "failed", loaded: 0, error }));
}

/** Whole percent for the progress bar. */
export function percentOf(f: Pick<DraftFile, "state" | "loaded" | "size">): number {
  if (f.state === "done") return 100;
  if (f.size <= 0) return 0;
  return Math.min(100, Math.floor((f.loaded / f.size) * 100));
}

/** Still to upload: everything not done (a failed one is tried again when its message goes). */
export function notUploaded(list: readonly DraftFile[]): DraftFile[] {
  return list.filter((f) => f.state !== "done" || !f.attachment);
}
