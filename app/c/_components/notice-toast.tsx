"use client";
import { useEffect, useState } from "react";
import { useChat } from "@/app/_client/use-chat";

/** Short confirmations ("Link copied"): a live region, shown for a moment. */
export function NoticeToast() {
  const notice = useChat((s) => s.notice);
  const [shown, setShown] = useState<string | null>(null);
  useEffect(() => {
    if (!notice) return;
    setShown(notice.text);
    const t = setTimeout(() => setShown(null), 2_500);
    return () => clearTimeout(t);
  }, [notice]);
  return (
    <div role="status" className="notice-toast" data-shown={shown ? "true" : "false"}>
      {shown}
    </div>
  );
}
