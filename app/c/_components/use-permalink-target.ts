"use client";
import { useEffect, useState } from "react";
import { loadAround } from "@/app/_client/history";

/** What a permalink asks the log to show: the message `seq`, once its neighbourhood is loaded. */
export type PermalinkTarget =
  | { seq: number; status: "loading" | "found" | "missing" }
  | { seq: number; status: "error"; error: string };

/** `seqParam` from the URL (`/c/:id/m/:seq`); undefined on the conversation's own address. */
export function usePermalinkTarget(channelId: string, seqParam: string | undefined, ready: boolean) {
  const [target, setTarget] = useState<PermalinkTarget | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (seqParam === undefined) {
      setTarget(null);
      return;
    }
    if (!ready) return;
    const seq = /^\d{1,10}$/.test(seqParam) ? Number(seqParam) : Number.NaN;
    let live = true;
    setTarget({ seq, status: "loading" });
    void loadAround(channelId, seq).then((r) => {
      if (!live) return;
      if (r.found) setTarget({ seq, status: "found" });
      else if (r.error) setTarget({ seq, status: "error", error: r.error });
      else setTarget({ seq, status: "missing" });
    });
    return () => {
      live = false;
    };
  }, [channelId, seqParam, ready, attempt]);

  return { target, retry: () => setAttempt((a) => a + 1) };
}
