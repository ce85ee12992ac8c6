import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import { connection } from "next/server";
import { NextIntlClientProvider } from "next-intl";
import { getLocale } from "next-intl/server";
import { FormatLocale } from "./_client/format-locale";
import type { Locale } from "@/lib/i18n/locales";
import { RouteAnnouncer } from "./_client/route-announcer";
import { THEME_SCRIPT } from "./_client/theme";
// Styles by area, in cascade order: tokens (every colour, light and dark) first; controls before
// the areas that adjust them.
import "./styles/tokens.css";
import "./styles/base.css";
import "./styles/controls.css";
import "./styles/auth.css";
import "./styles/shell.css";
import "./styles/avatars.css";
import "./styles/panel.css";
import "./styles/conversation.css";
import "./styles/messages.css";
import "./styles/message-parts.css";
import "./styles/composer.css";
import "./styles/dialogs.css";
import "./styles/banners.css";
import "./styles/attachments.css";

export const metadata: Metadata = {
  title: "Chat",
  description: "Self-hosted chat",
  icons: { icon: "/icon.svg" },
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f3f4f7" },
    { media: "(prefers-color-scheme: dark)", color: "#1c1e23" },
  ],
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page renders per request, even the 404 page: Next stamps its inline scripts with the
  // nonce of this request's Content-Security-Policy (server/http/security-headers.ts), which a
  // page prerendered at build time could not carry.
  await connection();
  // The locale: the "locale" cookie, else Accept-Language (i18n/request.ts). The provider hands
  // the messages to client components in the page's data, not in its JavaScript.
  const locale = (await getLocale()) as Locale;
  // The same nonce Next stamps on its own scripts: the theme script runs under the page's CSP.
  const nonce = /'nonce-([^']+)'/.exec((await headers()).get("content-security-policy") ?? "")?.[1];
  return (
    // The theme script sets data-theme before React hydrates: not a mismatch to warn about.
    <html lang={locale} suppressHydrationWarning>
      <head>
        {/* Light or dark as chosen on this device, before the first paint (app/_client/theme.ts). */}
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body>
        <NextIntlClientProvider>
          <FormatLocale locale={locale} />
          {children}
          <RouteAnnouncer />
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
