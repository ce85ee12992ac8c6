"use client";
import { useEffect, useState } from "react";
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

function stateText(f: DraftFile): string {
  switch (f.state) {
    case "done":
      return "Ready";
    case "uploading":
      return `${percentOf(f)}%`;
    case "waiting":
      return "Waiting for the network";
    case "failed":
      return f.error ?? "Not uploaded";
  }
}

function DraftChip({ channelId, f }: { channelId: string; f: DraftFile }) {
  const preview = useObjectUrl(f.blob, isInlineImage(f.type));
  return (
    <li className={`draft-file${f.state === "failed" ? " failed" : ""}`}>
      {preview ? <img className="draft-preview" src={preview} alt="" /> : <span className="draft-icon" aria-hidden="true">📄</span>}
      <div className="draft-text">
        <span className="draft-name" title={f.name}>
          {f.name}
        </span>
        <span className="draft-meta">
          {formatFileSize(f.size)} · {stateText(f)}
        </span>
        {(f.state === "uploading" || f.state === "waiting") && (
          <progress className="upload-progress" max={100} value={f.state === "uploading" ? percentOf(f) : undefined} aria-label={`Uploading ${f.name}`} />
        )}
      </div>
      <button type="button" className="icon-button" aria-label={`Remove ${f.name}`} title="Remove" onClick={() => removeDraft(channelId, f.localId)}>
        ×
      </button>
    </li>
  );
}

/** The files attached to the message being written: preview, size, upload progress, cancel. */
export function AttachDrafts({ channelId }: { channelId: string }) {
  const drafts = useDrafts(channelId);
  if (drafts.length === 0) return null;
  return (
    <ul className="draft-files" aria-label="Files to send">
      {drafts.map((f) => (
        <DraftChip key={f.localId} channelId={channelId} f={f} />
      ))}
    </ul>
  );
}
