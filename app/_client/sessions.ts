// The user's sessions (browser log-ins and bearer tokens) over HTTP. Ending the one this device
// uses signs it out: the status "signed-out" makes the shell clear the cookie and go to /login.
import type { SessionView } from "@/lib/contract/models";
import { api } from "./api";
import { setStatus } from "./store";

export async function listSessions(): Promise<SessionView[]> {
  return (await api("GET /api/me/sessions")).sessions;
}

export async function endSession(session: SessionView): Promise<void> {
  await api("DELETE /api/me/sessions/:id", { params: { id: session.id } });
  if (session.current) setStatus("signed-out");
}

export async function logOutEverywhere(): Promise<void> {
  await api("POST /api/me/logout-all");
  setStatus("signed-out");
}
