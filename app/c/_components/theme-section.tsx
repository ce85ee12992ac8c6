"use client";
import { useId, useState } from "react";
import { useTranslations } from "next-intl";
import { setTheme, storedTheme, type Theme, THEMES } from "@/app/_client/theme";

const LABEL = { light: "themeLight", dark: "themeDark", system: "themeSystem" } as const satisfies Record<Theme, string>;

/** Settings › Theme: light, dark, or as the system is; kept on this device, applied at once. */
export function ThemeSection() {
  const t = useTranslations("settings");
  const id = useId();
  const [theme, choose] = useState<Theme>(storedTheme);

  return (
    <section className="settings-section" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`} className="section-title">
        {t("theme")}
      </h3>
      <div role="radiogroup" aria-labelledby={`${id}-h`} aria-describedby={`${id}-note`} className="theme-options">
        {THEMES.map((v) => (
          <label key={v} className="radio-row">
            <input
              type="radio"
              name={`${id}-theme`}
              value={v}
              checked={theme === v}
              onChange={() => {
                setTheme(v);
                choose(v);
              }}
            />
            {t(LABEL[v])}
          </label>
        ))}
      </div>
      <p id={`${id}-note`} className="settings-note">
        {t("themeNote")}
      </p>
    </section>
  );
}
