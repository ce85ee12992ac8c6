// An upload's media type, from its first bytes (file-type's magic numbers), never from the name
// or the client's Content-Type. What could run in a browser — HTML, XML (SVG is XML), scripts —
// is never named as such: it becomes application/octet-stream, served as a download.
import { fileTypeFromBuffer } from "file-type";

/** Served inline: browsers only ever render these as pictures. */
export const IMAGE_TYPES = new Set(["image/jpeg", "image/png", "image/gif", "image/webp"]);
/** file-type needs at most this many bytes of the start of a file. */
export const SNIFF_BYTES = 4100;

const ACTIVE = /html|xml|svg|javascript|ecmascript|x-sh|wasm/i;
export const OCTET_STREAM = "application/octet-stream";

export async function detectType(head: Uint8Array): Promise<string> {
  const found = await fileTypeFromBuffer(head);
  if (!found || ACTIVE.test(found.mime)) return OCTET_STREAM;
  return found.mime;
}
