import { getTranslations } from "next-intl/server";

export default async function ChatHome() {
  const t = await getTranslations("home");
  return (
    <div className="empty-state">
      <h1>{t("title")}</h1>
      <p>{t("hint")}</p>
    </div>
  );
}
