// `BENCH_PRODUCT_NODE_ARGS="--import <this file>" QUERY_COUNT_FILE=<file> npm run bench -- ...`:
// counts the product's SQL statements by their first 100 characters (every statement goes through
// pg's Client.query: Prisma's adapter and $queryRaw alike) and writes the counts at exit.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const out = process.env.QUERY_COUNT_FILE;
if (out) {
  const pg = createRequire(path.join(process.cwd(), "package.json"))("pg");
  const counts = new Map();
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (q, ...rest) {
    const text = typeof q === "string" ? q : (q?.text ?? "");
    const key = text.replace(/\s+/g, " ").trim().slice(0, 100);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    return query.call(this, q, ...rest);
  };
  process.on("exit", () => {
    const rows = [...counts].sort((a, b) => b[1] - a[1]);
    fs.writeFileSync(out, rows.map(([k, n]) => `${String(n).padStart(7)}  ${k}`).join("\n") + "\n");
  });
}
