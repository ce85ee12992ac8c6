"use client";
import { useState } from "react";
import { useChat } from "@/app/_client/use-chat";

/**
 * The person's picture when they have one (`avatarUrl`, from the store: a `user:update` changes it
 * everywhere), else initials on a colour derived from the id. Decoration only: the name is always
 * shown as text next to it.
 */
export function Avatar({ id, name, size = "normal" }: { id: string; name: string; size?: "small" | "normal" | "large" }) {
  const url = useChat((s) => s.users[id]?.avatarUrl ?? null);
  // A picture that will not load (removed meanwhile, offline) falls back to initials.
  const [broken, setBroken] = useState<string | null>(null);
  if (url && broken !== url) {
    return <img className={`avatar ${size}`} src={url} alt="" aria-hidden="true" decoding="async" draggable={false} onError={() => setBroken(url)} />;
  }
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) % 360;
  const initials =
    name
      .trim()
      .split(/\s+/)
      .slice(0, 2)
      .map((w) => [...w][0] ?? "")
      .join("")
      .toUpperCase() || "?";
  return (
    <span className={`avatar ${size}`} style={{ "--hue": h } as React.CSSProperties} aria-hidden="true">
      {initials}
    </span>
  );
}
