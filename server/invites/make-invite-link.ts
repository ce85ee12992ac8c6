import type { Invite } from "../../lib/contract/models";
import type { CreateInviteInput } from "../../lib/contract/schemas";
import type { Config } from "../config";
import type { Db } from "../db/types";
import { AppError } from "../errors";
import type { Quota } from "../limits/quota";
import { createInvite } from "./invites";

interface Deps {
  db: Db;
  config: Pick<Config, "SIGNUP_MODE" | "INVITE_TTL_HOURS">;
  inviteQuota: Quota;
}

/** POST /api/invites: a sign-up link for someone new, only while sign-up is by invitation. */
export async function makeInviteLink({ db, config, inviteQuota }: Deps, userId: string, { maxUses }: CreateInviteInput, origin: string): Promise<Invite> {
  if (config.SIGNUP_MODE !== "invite") throw new AppError("forbidden", "this server does not use invitations");
  await inviteQuota.take(userId);
  const invite = await createInvite(db, userId, maxUses, config.INVITE_TTL_HOURS);
  const url = new URL(`/signup?invite=${encodeURIComponent(invite.code)}`, origin);
  return { code: invite.code, url: url.toString(), maxUses: invite.maxUses, expiresAt: invite.expiresAt.toISOString() };
}
