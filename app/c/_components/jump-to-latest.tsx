"use client";
import { useTranslations } from "next-intl";

export function JumpToLatest({ onClick }: { onClick: () => void }) {
  const t = useTranslations("conversation");
  return (
    <button type="button" className="jump-to-latest" onClick={onClick}>
      <span aria-hidden="true">↓</span> {t("jumpToLatest")}
    </button>
  );
}
