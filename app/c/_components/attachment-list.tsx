"use client";
import { useTranslations } from "next-intl";
import { memo, useState } from "react";
import { fileKindLabel, fitInside, formatFileSize, isInlineImage } from "@/app/_client/file-size";
import type { OutboxFile } from "@/app/_client/local-store";
import { useUploads } from "@/app/_client/uploads";
import type { Attachment } from "@/lib/contract/models";
import { useObjectUrl } from "./attach-drafts";
import { ImageViewer } from "./image-viewer";

/** The box a thumbnail fits in (the server's are at most 480 px). */
const THUMB_MAX_W = 320;
const THUMB_MAX_H = 280;

function ImageThumb({ a, onOpen }: { a: Attachment; onOpen: () => void }) {
  const t = useTranslations("files");
  // Width and height from the server: the space is kept before the picture loads (no jump).
  const size = fitInside(a.width ?? 0, a.height ?? 0, THUMB_MAX_W, THUMB_MAX_H);
  return (
    <a
      className="attachment-image"
      href={a.url}
      onClick={(e) => {
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        onOpen();
      }}
      aria-haspopup="dialog"
      title={t("openFull", { name: a.name })}
    >
      <img src={a.thumbnailUrl ?? a.url} alt={a.name} width={size.width} height={size.height} loading="lazy" decoding="async" />
    </a>
  );
}

function FileCard({ name, size, type, href }: { name: string; size: number; type: string; href?: string }) {
  const inner = (
    <>
      <span className="attachment-file-icon" aria-hidden="true">
        📄
      </span>
      <span className="attachment-file-text">
        <span className="attachment-file-name">{name}</span>
        <span className="attachment-file-meta">
          {formatFileSize(size)} · {fileKindLabel(type, name)}
        </span>
      </span>
    </>
  );
  return href ? (
    <a className="attachment-file" href={href} download={name}>
      {inner}
    </a>
  ) : (
    <div className="attachment-file">{inner}</div>
  );
}

/** A message's files in the order sent: images as thumbnails (open in a viewer), others as download cards. */
export const AttachmentList = memo(function AttachmentList({ attachments }: { attachments: readonly Attachment[] }) {
  const [open, setOpen] = useState<Attachment | null>(null);
  if (attachments.length === 0) return null;
  return (
    <div className="attachments">
      {attachments.map((a) =>
        a.thumbnailUrl && isInlineImage(a.type) ? (
          <ImageThumb key={a.id} a={a} onOpen={() => setOpen(a)} />
        ) : (
          <FileCard key={a.id} name={a.name} size={a.size} type={a.type} href={a.url} />
        ),
      )}
      {open && <ImageViewer attachment={open} onClose={() => setOpen(null)} />}
    </div>
  );
});

function PendingFile({ f }: { f: OutboxFile }) {
  const t = useTranslations("files");
  const up = useUploads((s) => s.sending[f.localId]);
  const preview = useObjectUrl(f.blob, isInlineImage(f.type));
  const percent = up && f.size > 0 ? Math.min(100, Math.floor((up.loaded / f.size) * 100)) : 0;
  return (
    <div className="pending-file">
      {preview ? <img className="pending-preview" src={preview} alt={f.name} /> : <FileCard name={f.name} size={f.size} type={f.type} />}
      {up && up.state !== "done" && (
        <progress className="upload-progress" max={100} value={up.state === "uploading" ? percent : undefined} aria-label={t("uploading", { name: f.name })} />
      )}
    </div>
  );
}

/** The files of a message not acknowledged yet, from this device's copy, with their uploads' progress. */
export function PendingAttachments({ files }: { files: readonly OutboxFile[] }) {
  return (
    <div className="attachments pending">
      {files.map((f) => (
        <PendingFile key={f.localId} f={f} />
      ))}
    </div>
  );
}
