/** Initials on a colour derived from the id: decoration only, the name is always shown as text. */
export function Avatar({ id, name, size = "normal" }: { id: string; name: string; size?: "small" | "normal" }) {
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
