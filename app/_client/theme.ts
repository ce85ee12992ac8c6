// Light, dark or the system's choice, kept on this device (localStorage), applied as
// <html data-theme="light|dark"> (none: follow prefers-color-scheme). app/styles/tokens.css
// holds the colours of each; the inline script in app/layout.tsx applies the choice before the
// first paint, so a dark page never flashes white.
export type Theme = "light" | "dark" | "system";
export const THEMES: readonly Theme[] = ["light", "dark", "system"];
export const THEME_KEY = "chat-theme";

/**
 * Run inline in <head> before anything paints (CSP nonce in app/layout.tsx). Self-contained:
 * it cannot import anything. Storage may be off: then the system's choice applies.
 */
export const THEME_SCRIPT = `try{var t=localStorage.getItem(${JSON.stringify(THEME_KEY)});if(t==="light"||t==="dark")document.documentElement.dataset.theme=t}catch(e){}`;

export function storedTheme(): Theme {
  try {
    const t = localStorage.getItem(THEME_KEY);
    return t === "light" || t === "dark" ? t : "system";
  } catch {
    return "system";
  }
}

export function setTheme(theme: Theme): void {
  try {
    if (theme === "system") localStorage.removeItem(THEME_KEY);
    else localStorage.setItem(THEME_KEY, theme);
  } catch {
    // Not kept: this page still changes.
  }
  applyTheme(theme);
}

export function applyTheme(theme: Theme): void {
  const root = document.documentElement;
  if (theme === "system") delete root.dataset.theme;
  else root.dataset.theme = theme;
}
