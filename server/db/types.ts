// The database handle as the domain sees it. A type-only import: domain code compiled into
// Next's bundle never loads a second Prisma client.
export type { PrismaClient as Db } from "./generated/client";
