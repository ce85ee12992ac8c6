// How a file's size and kind read on a card ("2.4 MB · PDF"), in the page's language. Unit-tested.
import { type MessageKey, uiText } from "./ui-text";

const UNITS = ["KB", "MB", "GB"] as const;

/** Bytes as people read them: "512 bytes", "1.5 KB", "24 MB" (1 KB = 1,024 bytes, as file managers count). */
export function formatFileSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return "";
  if (bytes < 1024) return uiText("files.bytes", { count: bytes, n: String(bytes) });
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  // One decimal under 10 ("2.4 MB"), none above ("24 MB"); 1023.96 KB would round to "1024 KB".
  const rounded = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
  if (rounded >= 1024 && unit < UNITS.length - 1) return `1 ${UNITS[unit + 1]}`;
  return `${rounded} ${UNITS[unit]}`;
}

const KNOWN: Record<string, MessageKey> = {
  "application/pdf": "files.kindPdf",
  "application/zip": "files.kindZip",
  "image/jpeg": "files.kindJpeg",
  "image/png": "files.kindPng",
  "image/gif": "files.kindGif",
  "image/webp": "files.kindWebp",
};

/** The kind of a file from its media type (found by the server from the bytes), else its extension. */
export function fileKindLabel(type: string, name: string): string {
  const known = KNOWN[type];
  if (known) return uiText(known);
  const major = type.split("/")[0];
  if (major === "audio") return uiText("files.kindAudio");
  if (major === "video") return uiText("files.kindVideo");
  const ext = /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1];
  return ext ? uiText("files.kindExt", { ext: ext.toUpperCase() }) : uiText("files.kindFile");
}

/** The four image types the server makes thumbnails of (and shows inline). */
export function isInlineImage(type: string): boolean {
  return type === "image/jpeg" || type === "image/png" || type === "image/gif" || type === "image/webp";
}

/** Fits w×h inside a box, never enlarging: the size reserved for a thumbnail before it loads. */
export function fitInside(width: number, height: number, maxWidth: number, maxHeight: number): { width: number; height: number } {
  if (!(width > 0) || !(height > 0)) return { width: maxWidth, height: maxHeight };
  const scale = Math.min(1, maxWidth / width, maxHeight / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}
