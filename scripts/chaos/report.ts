// The readable table of a run's result (the JSON is printed as it is).
import { MUST_BE_ZERO } from "./verify";
import type { ChaosResult } from "./run";

export function pct(xs: number[], p: number): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!);
}

const ms = (v: number | null | undefined) => (v === null || v === undefined ? "-" : `${(v / 1000).toFixed(1)} s`);

export function table(r: ChaosResult): string {
  const f = r.figures;
  const rows: Array<[string, string, (typeof MUST_BE_ZERO)[number]?]> = [
    ["sent", String(f.sent)],
    ["acked", String(f.acked)],
    ["refused for good", String(f.refused)],
    ["never acked (after retries)", String(f.unacked)],
    ["lost (acked, missing in DB / final sync)", `${f.lost} (${f.lostInDb} / ${f.lostInSync})`, "lost"],
    ["duplicated", String(f.duplicated), "duplicated"],
    ["seq gaps in the database", String(f.seqGaps), "seqGaps"],
    ["missing after final sync (devices)", `${f.missingAfterSync} (${f.devicesMissing})`, "missingAfterSync"],
    ["live out of order (≤ previous / skipped)", `${f.outOfOrder} (${f.outOfOrderNotAfterPrevious} / ${f.outOfOrderSkipped})`, "outOfOrder"],
    ["acked, never live to a connected member", `${f.neverDeliveredLive} of ${f.liveChecks} checks`, "neverDeliveredLive"],
    ["reconnects", String(r.reconnect.count)],
    ["reconnect → connected p50 / p99 / max", `${ms(r.reconnect.connectedMs.p50)} / ${ms(r.reconnect.connectedMs.p99)} / ${ms(r.reconnect.connectedMs.max)}`],
    ["reconnect → synced p50 / p99", `${ms(r.reconnect.syncedMs.p50)} / ${ms(r.reconnect.syncedMs.p99)}`],
    ["kill: reconnect → connected p50 / p99 / max", `${ms(r.reconnect.killConnectedMs.p50)} / ${ms(r.reconnect.killConnectedMs.p99)} / ${ms(r.reconnect.killConnectedMs.max)}`],
    ["rolling: reconnect → connected p50 / p99 / max", `${ms(r.reconnect.rollingConnectedMs.p50)} / ${ms(r.reconnect.rollingConnectedMs.p99)} / ${ms(r.reconnect.rollingConnectedMs.max)}`],
    ["killed node: its users", `${r.kill.users} (${r.kill.usersAllDevices} with every device on it)`],
    ["killed node: users seen offline by others", String(r.kill.usersSeenOffline)],
    ["kill → presence offline p50 / max", `${ms(r.kill.offlineAfterMs.p50)} / ${ms(r.kill.offlineAfterMs.max)}`],
    ["kill → presence online again p50 / max", `${ms(r.kill.onlineAgainAfterMs.p50)} / ${ms(r.kill.onlineAgainAfterMs.max)}`],
    ["discovery handed out the dead node for", `${ms(r.kill.discoveryDeadMs)} (${r.kill.discoveryDeadAnswers} of ${r.kill.discoveryAnswersWhileDead} answers)`],
  ];
  const w0 = Math.max(...rows.map((x) => x[0].length));
  const w1 = Math.max(...rows.map((x) => x[1].length));
  const lines = rows.map(([k, v, must]) => {
    const verdict = !must ? "" : f[must] === 0 ? "  ok" : r.allowed.includes(must) ? "  FAIL (allowed)" : "  FAIL";
    return `${k.padEnd(w0)}  ${v.padStart(w1)}${verdict}`;
  });
  const spread = r.spread.map(
    (s) => `${s.phase.padEnd(22)} clients ${fmt(s.clients)}   /metrics ${fmt(s.metrics)}   discovery → ${s.discovery ?? "-"}`,
  );
  return [
    `chaos: ${r.config.users} users, ${r.config.devices} devices, ${r.config.rate} msgs/s, ${r.config.duration} s phases, ` +
      `${r.config.database}, NODE_TIMEOUT_MS ${r.config.nodeTimeoutMs ?? "default"}, ${Math.round(r.totalMs / 1000)} s in all`,
    ...lines,
    "",
    "clients per node after each phase:",
    ...spread,
    "",
    `must-be-zero (${MUST_BE_ZERO.join(", ")}): ${MUST_BE_ZERO.every((k) => f[k] === 0) ? "all 0" : "NOT all 0"}` +
      (r.allowed.length ? ` (allowed: ${r.allowed.join(", ")}; exit ${r.ok ? 0 : 1})` : ""),
  ].join("\n");
}

function fmt(o: Record<string, number | null>) {
  return Object.entries(o)
    .map(([k, v]) => `${k}=${v ?? "down"}`)
    .join(" ");
}
