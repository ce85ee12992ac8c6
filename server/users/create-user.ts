import type { User } from "../../lib/contract/models";
import { signUpBody } from "../../lib/contract/schemas";
import { hashPassword } from "../auth/password";
import type { Db } from "../db/types";
import { AppError, isUniqueViolation } from "../errors";
import { toUserDto } from "./user-dto";

export async function createUser(db: Db, input: unknown): Promise<User> {
  const parsed = signUpBody.safeParse(input);
  if (!parsed.success) throw AppError.fromZod(parsed.error);
  const { email, name, password } = parsed.data;
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
