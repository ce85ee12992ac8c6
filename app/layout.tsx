import type { Metadata, Viewport } from "next";
import { RouteAnnouncer } from "./_client/route-announcer";
import "./globals.css";

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

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        {children}
        <RouteAnnouncer />
      </body>
    </html>
  );
}
