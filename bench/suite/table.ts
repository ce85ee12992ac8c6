// The suite's results as a table: product, relay, and product ÷ relay for each figure.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Results = Record<string, Record<string, any>>;

export function rows(results: Results): [string, unknown, unknown][] {
  const p = results.product ?? {};
  const r = results.relay ?? {};
  const out: [string, unknown, unknown][] = [];
  for (const rate of Object.keys(p.S1 ?? r.S1 ?? {})) {
    const a = p.S1?.[rate];
    const b = r.S1?.[rate];
    out.push([`S1 ${rate}/s: achieved msgs/s`, a?.achievedMsgsPerSec, b?.achievedMsgsPerSec]);
    out.push([`S1 ${rate}/s: p50 ms`, a?.latencyMs.p50, b?.latencyMs.p50]);
    out.push([`S1 ${rate}/s: p99 ms`, a?.latencyMs.p99, b?.latencyMs.p99]);
    out.push([`S1 ${rate}/s: undelivered 5 s after the last send / failed acks`, a && `${a.expected - a.delivered}/${a.failed}`, b && `${b.expected - b.delivered}/${b.failed}`]);
  }
  if (p.S4 || r.S4) out.push(["S4 highest rate, p99 ≤ 100 ms", p.S4?.highestRateP99Under100ms, r.S4?.highestRateP99Under100ms]);
  if (p.S2 || r.S2) {
    out.push([`S2 group ${p.S2?.offered ?? r.S2?.offered}/s: p50 ms`, p.S2?.latencyMs.p50, r.S2?.latencyMs.p50]);
    out.push(["S2 group: p99 ms", p.S2?.latencyMs.p99, r.S2?.latencyMs.p99]);
  }
  if (p.S3 || r.S3) {
    out.push([`S3 ${p.S3?.sockets ?? r.S3?.sockets} idle sockets: RSS/socket KB`, p.S3?.rssPerSocketKB, r.S3?.rssPerSocketKB]);
    out.push(["S3 JS heap + external per socket KB", p.S3?.heapPerSocketKB, r.S3?.heapPerSocketKB]);
    out.push(["S3 connects/s (discovery + handshake)", p.S3?.connectsPerSec, r.S3?.connectsPerSec]);
    out.push(["S3 server CPU ms per connect", p.S3?.cpuMsPerConnect, r.S3?.cpuMsPerConnect]);
    out.push(["S3 of it in the kernel", p.S3?.cpuSystemMsPerConnect, r.S3?.cpuSystemMsPerConnect]);
    out.push(["S3 connect p50 ms (of it discovery)", p.S3 && `${p.S3.connectMs.p50} (${p.S3.discoveryMs.p50})`, r.S3 && `${r.S3.connectMs.p50} (${r.S3.discoveryMs.p50})`]);
  }
  if (p.S5) out.push([`S5 catch-up ${p.S5.messages} msgs / ${p.S5.channels} ch: ms`, p.S5.inSyncMs, "—"]);
  return out;
}

export function printTable(results: Results) {
  const lines = rows(results).map(([name, a, b]) => {
    const ratio = typeof a === "number" && typeof b === "number" && b !== 0 ? (a / b).toFixed(2) : "—";
    return `| ${name} | ${a ?? "—"} | ${b ?? "—"} | ${ratio} |`;
  });
  console.log(["| figure | product | relay | product ÷ relay |", "|---|---|---|---|", ...lines].join("\n"));
}
