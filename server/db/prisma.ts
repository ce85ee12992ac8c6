import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";

export type Db = PrismaClient;

export function createPrisma(connectionString: string, max: number): Db {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max }) });
}
