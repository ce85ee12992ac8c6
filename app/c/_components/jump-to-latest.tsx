"use client";

export function JumpToLatest({ onClick }: { onClick: () => void }) {
  return (
    <button type="button" className="jump-to-latest" onClick={onClick}>
      <span aria-hidden="true">↓</span> Jump to latest
    </button>
  );
}
