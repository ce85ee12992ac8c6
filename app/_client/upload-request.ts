// One upload: POST /api/channels/:id/attachments as multipart/form-data (one part, `file`), with
// the session cookie. XMLHttpRequest rather than fetch: only it reports upload progress. This
// route streams (lib/contract/http.ts `stream: true`), so it is not called through api().
import { fillPath } from "@/lib/contract/route-keys";
import type { Attachment } from "@/lib/contract/models";
import { type MessageKey, refusalText, uiText } from "./ui-text";

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

const MESSAGES: Record<number, [UploadError["code"], MessageKey]> = {
  403: ["forbidden", "files.uploadForbidden"],
  404: ["not_found", "files.uploadNoConversation"],
  413: ["too_large", "files.uploadTooLarge"],
  429: ["rate_limited", "files.uploadLimit"],
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
    xhr.onerror = () => reject(new UploadError("network", uiText("errors.network")));
    xhr.ontimeout = xhr.onerror;
    xhr.onabort = () => reject(new UploadError("aborted", uiText("files.uploadCancelled")));
    xhr.onload = () => {
      const body = xhr.response as { attachment?: Attachment; error?: { message?: string } } | null;
      if (xhr.status === 201 && body?.attachment) return resolve(body.attachment);
      const known = MESSAGES[xhr.status];
      if (known) return reject(new UploadError(known[0], uiText(known[1])));
      if (xhr.status >= 500 || xhr.status === 0) return reject(new UploadError("internal", uiText("files.uploadServerError")));
      reject(new UploadError("invalid", refusalText("invalid", body?.error?.message ?? uiText("files.uploadRefused"))));
    };
    const form = new FormData();
    form.append("file", blob, name);
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}
