"use client";
import { copyText } from "@/app/_client/copy-text";
import { permalinkPath } from "@/app/_client/message-runs";
import { showNotice } from "@/app/_client/store";

/** Shown on hover or focus (or a tap on the message): copies the message's permalink. */
export function MessageActions({ channelId, seq }: { channelId: string; seq: number }) {
  async function copy() {
    const url = new URL(permalinkPath(channelId, seq), window.location.origin).href;
    showNotice((await copyText(url)) ? "Link copied" : "Could not copy the link");
  }

  return (
    <div className="message-actions">
      <button type="button" className="action-button" onClick={() => void copy()}>
        <svg aria-hidden="true" viewBox="0 0 20 20" width="16" height="16">
          <path
            d="M8.5 11.5a3 3 0 0 0 4.2 0l2.8-2.8a3 3 0 0 0-4.2-4.2l-1 1M11.5 8.5a3 3 0 0 0-4.2 0l-2.8 2.8a3 3 0 0 0 4.2 4.2l1-1"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.7"
            strokeLinecap="round"
          />
        </svg>
        Copy link
      </button>
    </div>
  );
}
