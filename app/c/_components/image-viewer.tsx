"use client";
import { useEffect, useId, useRef } from "react";
import { useTranslations } from "next-intl";
import type { Attachment } from "@/lib/contract/models";
import { formatFileSize } from "@/app/_client/file-size";

/**
 * A picture at full size in a modal dialog: Esc or Close closes it (the page behind is inert
 * meanwhile), and focus goes back to where it was (the thumbnail).
 */
export function ImageViewer({ attachment, onClose }: { attachment: Attachment; onClose: () => void }) {
  const t = useTranslations("files");
  const tc = useTranslations("common");
  const dialog = useRef<HTMLDialogElement>(null);
  const close = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.current?.showModal();
    // showModal focuses the first control (Download); Close is the one most wanted.
    close.current?.focus();
    return () => opener?.focus();
  }, []);
  return (
    <dialog
      ref={dialog}
      className="dialog image-viewer"
      aria-labelledby={titleId}
      onClose={onClose}
      // A click on the backdrop (the dialog itself, outside the picture and its bar) closes it.
      onClick={(e) => e.target === e.currentTarget && dialog.current?.close()}
    >
      <div className="image-viewer-bar">
        <h2 id={titleId} className="image-viewer-title">
          {attachment.name}
        </h2>
        <span className="image-viewer-meta">
          {attachment.width && attachment.height ? `${attachment.width} × ${attachment.height} · ` : ""}
          {formatFileSize(attachment.size)}
        </span>
        <a className="button subtle small" href={attachment.url} download={attachment.name}>
          {t("download")}
        </a>
        <button ref={close} type="button" className="button subtle small" onClick={() => dialog.current?.close()}>
          {tc("close")}
        </button>
      </div>
      <img className="image-viewer-picture" src={attachment.url} alt={attachment.name} width={attachment.width} height={attachment.height} />
    </dialog>
  );
}
