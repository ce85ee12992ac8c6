import type { User } from "../../lib/contract/models";

/** The public shape of a user; the email only for its owner (PROTOCOL.md). */
export function toUserDto(u: { id: string; name: string; email: string }, viewerId: string | null): User {
  return viewerId === u.id ? { id: u.id, name: u.name, email: u.email } : { id: u.id, name: u.name };
}
