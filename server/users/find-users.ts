import type { User } from "../../lib/contract/models";
import type { UserSearchInput } from "../../lib/contract/schemas";
import type { Db } from "../db/types";
import { AppError } from "../errors";
import { toUserDto, USER_FIELDS } from "./user-dto";

/**
 * People to start a conversation with: names by prefix (of the name, or of a word in it),
 * case-insensitive; an email only when `q` is the whole address, so nobody can list the users of
 * a domain or learn addresses letter by letter. `%` and `_` in `q` are plain characters (Prisma's
 * startsWith/contains pass them to LIKE as wildcards, so they are escaped here). Or the users
 * named by `ids`.
 */
export async function findUsers(db: Db, viewerId: string, { q, limit, ids }: UserSearchInput): Promise<User[]> {
  if (ids) {
    const found = await db.user.findMany({ where: { id: { in: ids } }, select: USER_FIELDS });
    return found.map((u) => toUserDto(u, viewerId));
  }
  // No query, nobody: the directory is not for listing.
  if (!q) return [];
  const literal = escapeLike(q);
  const rows = await db.user.findMany({
    where: {
      OR: [
        { name: { startsWith: literal, mode: "insensitive" } },
        // "Kim" should find "Minji Kim": a word of the name may start with q too.
        { name: { contains: ` ${literal}`, mode: "insensitive" } },
        // Emails are stored lower-cased.
        ...(q.includes("@") ? [{ email: { equals: q.toLowerCase() } }] : []),
      ],
    },
    orderBy: { name: "asc" },
    take: limit,
    select: USER_FIELDS,
  });
  return rows.map((u) => toUserDto(u, viewerId));
}

/** LIKE's wildcards and its escape character (backslash, Postgres' default) taken literally. */
function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function getUser(db: Db, viewerId: string, userId: string): Promise<User> {
  const u = await db.user.findUnique({ where: { id: userId }, select: USER_FIELDS });
  if (!u) throw new AppError("not_found", "no such user");
  return toUserDto(u, viewerId);
}
