import type { User } from "../../lib/contract/models";
import type { SignUpInput } from "../../lib/contract/schemas";
import { hashPassword } from "../auth/password";
import type { Db } from "../db/types";
import { AppError, isUniqueViolation } from "../errors";
import { toUserDto } from "./user-dto";

export async function createUser(db: Db, { email, name, password }: SignUpInput): Promise<User> {
  const passwordHash = await hashPassword(password);
  try {
    const user = await db.user.create({ data: { email, name, passwordHash } });
    return toUserDto(user, user.id);
  } catch (err) {
    // The unique index decides, not a prior lookup: two simultaneous sign-ups cannot both win.
    if (isUniqueViolation(err)) throw new AppError("conflict", "that email is already registered");
    throw err;
  }
}
