import type { User } from "../../lib/contract/models";

/** What a user row must have for toUserDto (select it with USER_FIELDS). */
export interface UserRow {
  id: string;
  name: string;
  email: string;
  avatarFileId: string | null;
}

/** The Prisma `select` of the fields toUserDto reads. */
export const USER_FIELDS = { id: true, name: true, email: true, avatarFileId: true } as const;

/** Where a profile picture is served (server/files/send-avatar.ts). */
export const avatarUrl = (fileId: string | null): string | null => (fileId ? `/api/avatars/${fileId}` : null);

/** The public shape of a user; the email only for its owner (PROTOCOL.md). */
export function toUserDto(u: UserRow, viewerId: string | null): User {
  const pub = toPublicUser(u);
  return viewerId === u.id ? { ...pub, email: u.email } : pub;
}

/** What anyone may see of a user: the `user:update` event's payload. */
export function toPublicUser(u: Omit<UserRow, "email">): User {
  return { id: u.id, name: u.name, avatarUrl: avatarUrl(u.avatarFileId) };
}
