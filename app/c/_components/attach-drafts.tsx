"use client";
import { useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import { formatFileSize, isInlineImage } from "@/app/_client/file-size";
import type { DraftFile } from "@/app/_client/upload-queue";
import { percentOf } from "@/app/_client/upload-queue";
import { removeDraft, useDrafts } from "@/app/_client/uploads";

/** A local preview of an image not sent yet (a blob: URL, freed when it goes). */
export function useObjectUrl(blob: Blob | undefined, wanted: boolean): string | undefined {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (!blob || !wanted) return;
    const u = URL.createObjectURL(blob);
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [blob, wanted]);
  return url;
}

function stateText(t: ReturnType<typeof useTranslations<"files">>, f: DraftFile): string {
  switch (f.state) {
    case "done":
      return t("ready");
    case "uploading":
      return `${percentOf(f)}%`;
    case "waiting":
      return t("waiting");
    case "failed":
      return f.error ?? t("notUploaded");
  }
}

function DraftChip({ channelId, f }: { channelId: string; f: DraftFile }) {
  const t = useTranslations("files");
  const preview = useObjectUrl(f.blob, isInlineImage(f.type));
  return (
    <li className={`draft-file${f.state === "failed" ? " failed" : ""}`}>
      {preview ? <img className="draft-preview" src={preview} alt="" /> : <span className="draft-icon" aria-hidden="true">📄</span>}
      <div className="draft-text">
        <span className="draft-name" title={f.name}>
          {f.name}
        </span>
        <span className="draft-meta">
          {formatFileSize(f.size)} · {stateText(t, f)}
        </span>
        {(f.state === "uploading" || f.state === "waiting") && (
          <progress className="upload-progress" max={100} value={f.state === "uploading" ? percentOf(f) : undefined} aria-label={t("uploading", { name: f.name })} />
        )}
      </div>
      <button type="button" className="icon-button" aria-label={t("remove", { name: f.name })} title={t("removeTitle")} onClick={() => removeDraft(channelId, f.localId)}>
        ×
      </button>
    </li>
  );
}

/** The files attached to the message being written: preview, size, upload progress, cancel. */
export function AttachDrafts({ channelId }: { channelId: string }) {
  const t = useTranslations("files");
  const drafts = useDrafts(channelId);
  if (drafts.length === 0) return null;
  return (
    <ul className="draft-files" aria-label={t("toSend")}>
      {drafts.map((f) => (
        <DraftChip key={f.localId} channelId={channelId} f={f} />
      ))}
    </ul>
  );
}
