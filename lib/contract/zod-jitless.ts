// Zod 4 probes whether it may compile parsers with `new Function` as it builds an object schema;
// in the browser that probe is an eval the page's Content-Security-Policy refuses and reports.
// The browser parses little, so it does without the compiled parsers; the server keeps them.
// Imported before the schemas are built (lib/contract/http.ts). No Node imports.
import { z } from "zod";

if (typeof window !== "undefined") z.config({ jitless: true });
