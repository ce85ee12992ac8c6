// `node --import tsx bench/profile-summary.ts <file.cpuprofile> [top]`: where a V8 CPU profile
// (`npm run bench -- --cpu-prof`) spent its time: self time by function and by package or file.
import fs from "node:fs";

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
const file = process.argv[2];
if (!file) throw new Error("usage: profile-summary <file.cpuprofile> [top]");
const top = Number(process.argv[3] ?? 25);
const prof = JSON.parse(fs.readFileSync(file, "utf8")) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
prof.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);

const where = (url: string) => {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1]!;
  if (url.startsWith("node:")) return url;
  const local = /\/(server|lib|app|bench)\/.*$/.exec(url);
  return local ? local[0].slice(1) : url || "(native/V8)";
};
const fn = new Map<string, number>();
const pkg = new Map<string, number>();
for (const [id, us] of self) {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  const k = `${functionName || "(anonymous)"} ${where(url)}${url ? `:${lineNumber + 1}` : ""}`;
  fn.set(k, (fn.get(k) ?? 0) + us);
  pkg.set(where(url), (pkg.get(where(url)) ?? 0) + us);
}
const show = (title: string, m: Map<string, number>) => {
  console.log(`\n${title} (of ${(total / 1e6).toFixed(1)} s sampled)`);
  for (const [k, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`);
  }
};
show("self time by package / file", pkg);
show("self time by function", fn);

// Socket writes (writev) are a syscall each, so they show as native time: by whom they were made
// (the first caller outside Node's own stream code: pg's query submit, ws's frame send, http).
const parent = new Map<number, number>();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const writers = new Map<string, number>();
for (const [id, us] of self) {
  if (byId.get(id)!.callFrame.functionName !== "writev") continue;
  let at = parent.get(id);
  while (at !== undefined && /^node:|^$/.test(byId.get(at)!.callFrame.url)) at = parent.get(at);
  const f = at === undefined ? null : byId.get(at)!.callFrame;
  const k = f ? `${f.functionName || "(anonymous)"} ${where(f.url)}` : "(unknown)";
  writers.set(k, (writers.get(k) ?? 0) + us);
}
if (writers.size > 0) show("writev (socket writes) by caller", writers);
