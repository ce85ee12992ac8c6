// The protocol's `attachment` from a stored row. No Node or sharp imports: message-dto.ts (used by
// Next's route handlers too) builds messages with it.
import type { Attachment } from "../../lib/contract/models";

/** An Attachment row as queries return it (Prisma, or json_build_object in raw SQL). */
export interface AttachmentRow {
  id: string;
  name: string;
  size: number;
  type: string;
  width: number | null;
  height: number | null;
  thumbnail: boolean;
}

export const attachmentSelect = { id: true, name: true, size: true, type: true, width: true, height: true, thumbnail: true } as const;

export const fileUrl = (id: string) => `/api/files/${encodeURIComponent(id)}`;
export const thumbnailUrl = (id: string) => `${fileUrl(id)}/thumbnail`;

export function toAttachment(r: AttachmentRow): Attachment {
  const a: Attachment = { id: r.id, name: r.name, size: Number(r.size), type: r.type, url: fileUrl(r.id) };
  if (r.width !== null && r.height !== null) {
    a.width = Number(r.width);
    a.height = Number(r.height);
  }
  if (r.thumbnail) a.thumbnailUrl = thumbnailUrl(r.id);
  return a;
}

/** The object keys of an attachment: its bytes and, for images, its thumbnail. */
export const objectKeys = (r: { id: string; thumbnail: boolean }) => (r.thumbnail ? [r.id, `${r.id}.thumb`] : [r.id]);
