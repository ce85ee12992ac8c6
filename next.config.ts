import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

// Finds ./i18n/request.ts (the locale of each request and its messages). The catalogs are compiled
// at build time, so the browser gets no ICU message parser (about 10 KB less JavaScript).
const withNextIntl = createNextIntlPlugin({
  experimental: { messages: { path: "./messages", format: "json", locales: "infer", precompile: true } },
});

const nextConfig: NextConfig = {
  // Served by our own Node process (server/index.ts); these packages run unbundled on the server.
  serverExternalPackages: ["@node-rs/argon2", "pg", "@prisma/adapter-pg", "pino", "rate-limiter-flexible"],
  poweredByHeader: false,
  reactStrictMode: true,
  // Route handlers reach the process's shared runtime (db pool, publisher) through globalThis,
  // so nothing here must be traced into a standalone bundle.
  typescript: { ignoreBuildErrors: false },
};

export default withNextIntl(nextConfig);
