// Sign-up invitations (SIGNUP_MODE=invite): a user makes a link, someone signs up with it. The
// code is random and shown once; only its sha256 is stored, like API tokens.
import { createHash, randomBytes } from "node:crypto";
import type { Prisma } from "../db/generated/client";
import type { Db } from "../db/types";
import { AppError } from "../errors";

const hashCode = (code: string) => createHash("sha256").update(code).digest("hex");

export interface NewInvite {
  code: string;
  maxUses: number;
  expiresAt: Date;
}

export async function createInvite(db: Db, userId: string, maxUses: number, ttlHours: number, now = new Date()): Promise<NewInvite> {
  const code = randomBytes(18).toString("base64url");
  const expiresAt = new Date(now.getTime() + ttlHours * 3_600_000);
  await db.invite.create({ data: { codeHash: hashCode(code), createdById: userId, maxUses, expiresAt } });
  return { code, maxUses, expiresAt };
}

/**
 * Uses up one sign-up of the invite, inside the sign-up's transaction (a failed sign-up gives it
 * back). One conditional UPDATE: two sign-ups racing for the last use cannot both get it.
 */
export async function redeemInvite(tx: Prisma.TransactionClient, code: string): Promise<void> {
  const used = await tx.$executeRaw`
    UPDATE "Invite" SET uses = uses + 1
    WHERE "codeHash" = ${hashCode(code)} AND uses < "maxUses" AND "expiresAt" > now()`;
  if (used === 0) throw new AppError("forbidden", "this invite link is not valid: it may have expired or been used");
}
