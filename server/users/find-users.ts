import type { User } from "../../lib/contract/models";
import type { UserSearchInput } from "../../lib/contract/schemas";
import type { Db } from "../db/types";
import { AppError } from "../errors";
import { toUserDto } from "./user-dto";

/** People to start a conversation with: name or email prefix, case-insensitive; or the users named by `ids`. */
export async function findUsers(db: Db, viewerId: string, { q, limit, ids }: UserSearchInput): Promise<User[]> {
  if (ids) {
    const found = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, email: true } });
    return found.map((u) => toUserDto(u, viewerId));
  }
  const rows = await db.user.findMany({
    where: q
      ? {
          OR: [
            { name: { startsWith: q, mode: "insensitive" } },
            { email: { startsWith: q.toLowerCase() } },
            // "Kim" should find "Minji Kim": a word of the name may start with q too.
            { name: { contains: ` ${q}`, mode: "insensitive" } },
          ],
        }
      : {},
    orderBy: { name: "asc" },
    take: limit,
    select: { id: true, name: true, email: true },
  });
  return rows.map((u) => toUserDto(u, viewerId));
}

export async function getUser(db: Db, viewerId: string, userId: string): Promise<User> {
  const u = await db.user.findUnique({ where: { id: userId }, select: { id: true, name: true, email: true } });
  if (!u) throw new AppError("not_found", "no such user");
  return toUserDto(u, viewerId);
}
