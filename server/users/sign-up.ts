// Who may create an account (SIGNUP_MODE) and how often from one address (SIGNUP_MAX_PER_IP).
// Every attempt that reaches here counts, failed ones too: the same budget bounds guessing
// invite codes and probing which emails are registered.
import type { SignupMode, User } from "../../lib/contract/models";
import type { SignUpWithInviteInput } from "../../lib/contract/schemas";
import type { Db } from "../db/types";
import { AppError } from "../errors";
import type { Quota } from "../limits/quota";
import { addressKey } from "../net/ip-ranges";
import { createUser } from "./create-user";

export interface SignUpDeps {
  db: Db;
  signupQuota: Quota;
  signupMode: SignupMode;
}

export async function signUp({ db, signupQuota, signupMode }: SignUpDeps, input: SignUpWithInviteInput, ip: string): Promise<User> {
  if (signupMode === "closed") throw new AppError("forbidden", "sign-up is closed on this server");
  await signupQuota.take(addressKey(ip));
  const { inviteCode, ...account } = input;
  if (signupMode === "open") return createUser(db, account);
  if (!inviteCode) throw new AppError("forbidden", "sign-up on this server needs an invite link from a member");
  return createUser(db, account, inviteCode);
}
