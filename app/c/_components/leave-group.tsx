"use client";
import { useState } from "react";

/** "Leave group", with a second step: nobody can undo it but another member. */
export function LeaveGroup({ onLeave }: { onLeave: () => Promise<void> }) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!asking) {
    return (
      <div className="leave-group">
        <button type="button" className="button danger-subtle" onClick={() => setAsking(true)}>
          Leave group
        </button>
      </div>
    );
  }
  return (
    <div className="leave-group asking">
      <p>Leave this group? You will no longer see its messages unless someone adds you back.</p>
      <div className="dialog-actions">
        <button type="button" className="button subtle" onClick={() => setAsking(false)}>
          Stay
        </button>
        <button
          type="button"
          className="button danger"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            await onLeave();
            setBusy(false);
            setAsking(false);
          }}
        >
          Leave
        </button>
      </div>
    </div>
  );
}
