// One upload: POST /api/channels/:id/attachments as multipart/form-data (one part, `file`), with
// the session cookie. XMLHttpRequest rather than fetch: only it reports upload progress. This
// route streams (lib/contract/http.ts `stream: true`), so it is not called through api().
import { fillPath } from "@/lib/contract/route-keys";
import type { Attachment } from "@/lib/contract/models";

export class UploadError extends Error {
  constructor(
    /** `network`: no answer (offline, connection lost): worth trying again when back. */
    readonly code: "too_large" | "rate_limited" | "forbidden" | "not_found" | "invalid" | "network" | "aborted" | "internal",
    message: string,
  ) {
    super(message);
    this.name = "UploadError";
  }

  /** Worth trying again later by itself (the file or the permission is not the problem). */
  get transient(): boolean {
    return this.code === "network" || this.code === "internal";
  }
}

const MESSAGES: Record<number, [UploadError["code"], string]> = {
  403: ["forbidden", "Not allowed to send files here"],
  404: ["not_found", "This conversation no longer exists"],
  413: ["too_large", "Too large (files can be up to 25 MB)"],
  429: ["rate_limited", "Daily upload limit reached: try again later"],
};

export interface UploadHandle {
  done: Promise<Attachment>;
  abort(): void;
}

export function uploadFile(channelId: string, blob: Blob, name: string, onProgress: (loaded: number) => void): UploadHandle {
  const xhr = new XMLHttpRequest();
  const done = new Promise<Attachment>((resolve, reject) => {
    xhr.open("POST", fillPath("/api/channels/:id/attachments", { id: channelId }));
    xhr.withCredentials = true;
    xhr.setRequestHeader("accept", "application/json");
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.onerror = () => reject(new UploadError("network", "Cannot reach the server"));
    xhr.ontimeout = xhr.onerror;
    xhr.onabort = () => reject(new UploadError("aborted", "Cancelled"));
    xhr.onload = () => {
      const body = xhr.response as { attachment?: Attachment; error?: { message?: string } } | null;
      if (xhr.status === 201 && body?.attachment) return resolve(body.attachment);
      const known = MESSAGES[xhr.status];
      if (known) return reject(new UploadError(known[0], known[1]));
      if (xhr.status >= 500 || xhr.status === 0) return reject(new UploadError("internal", "The server could not take the file"));
      reject(new UploadError("invalid", body?.error?.message ?? "The file was refused"));
    };
    const form = new FormData();
    form.append("file", blob, name);
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}
