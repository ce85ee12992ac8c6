"use client";
import { useRef } from "react";
import { useTranslations } from "next-intl";
import { attachFiles } from "@/app/_client/uploads";

/** "Attach files": a button that opens the file picker (an input kept out of sight behind it). */
export function AttachButton({ channelId }: { channelId: string }) {
  const t = useTranslations("files");
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className="icon-button attach-button" aria-label={t("attach")} title={t("attach")} onClick={() => input.current?.click()}>
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
          <path
            d="M16.5 6.5 8.6 14.4a2 2 0 0 0 2.8 2.8l8-8a4 4 0 0 0-5.7-5.6l-8.3 8.3a6 6 0 0 0 8.5 8.5l7-7"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.8"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        data-testid="attach-input"
        onChange={(e) => {
          attachFiles(channelId, Array.from(e.target.files ?? []));
          // The same file can be chosen again after it was removed.
          e.target.value = "";
        }}
      />
    </>
  );
}

/** Files in a paste (a screenshot copied, files copied in a file manager); none when it is text. */
export function filesOf(data: DataTransfer | null): File[] {
  if (!data) return [];
  const out: File[] = [];
  for (const item of Array.from(data.items)) {
    if (item.kind !== "file") continue;
    const f = item.getAsFile();
    if (f) out.push(f);
  }
  return out.length ? out : Array.from(data.files);
}
