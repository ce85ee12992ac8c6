import type { User } from "../../lib/contract/models";
import type { SignUpInput } from "../../lib/contract/schemas";
import { hashPassword } from "../auth/password";
import type { Db } from "../db/types";
import { AppError, isUniqueViolation } from "../errors";
import { redeemInvite } from "../invites/invites";
import { toUserDto } from "./user-dto";

/** Creates the account; with `inviteCode`, only if that invite still has a use left (and takes it). */
export async function createUser(db: Db, { email, name, password }: SignUpInput, inviteCode?: string): Promise<User> {
  const passwordHash = await hashPassword(password);
  const data = { email, name, passwordHash };
  try {
    const user =
      inviteCode === undefined
        ? await db.user.create({ data })
        : await db.$transaction(async (tx) => {
            await redeemInvite(tx, inviteCode);
            return tx.user.create({ data });
          });
    return toUserDto(user, user.id);
  } catch (err) {
    // The unique index decides, not a prior lookup: two simultaneous sign-ups cannot both win.
    if (isUniqueViolation(err)) throw new AppError("conflict", "that email is already registered");
    throw err;
  }
}
