// Changing a group over HTTP: members, name, roles. Members hear of every change as a `channel`
// event; the answers are applied here too, so the one who acted sees it at once.
import type { MemberRole } from "@/lib/contract/models";
import { api } from "./api";
import { forgetChannel, takeChannel } from "./device-state";
import { ensureUsers } from "./people";
import { chatStore, setReads, setRoles } from "./store";

export async function addMembers(channelId: string, userIds: string[]): Promise<void> {
  const { channel } = await api("POST /api/channels/:id/members", { params: { id: channelId }, body: { userIds } });
  takeChannel(channel);
  ensureUsers(channel.memberIds);
}

/** Removes another member (owners and admins). */
export async function removeMember(channelId: string, userId: string): Promise<void> {
  await api("DELETE /api/channels/:id/members/:userId", { params: { id: channelId, userId } });
  const c = chatStore.getState().channels[channelId];
  if (c) takeChannel({ ...c, memberIds: c.memberIds.filter((id) => id !== userId) });
}

export async function leaveGroup(channelId: string): Promise<void> {
  const me = chatStore.getState().me;
  if (!me) return;
  await api("DELETE /api/channels/:id/members/:userId", { params: { id: channelId, userId: me.id } });
  forgetChannel(channelId);
}

export async function renameGroup(channelId: string, name: string): Promise<void> {
  const { channel } = await api("PATCH /api/channels/:id", { params: { id: channelId }, body: { name } });
  takeChannel(channel);
}

export async function setMemberRole(channelId: string, userId: string, role: MemberRole): Promise<void> {
  await api("PATCH /api/channels/:id/members/:userId", { params: { id: channelId, userId }, body: { role } });
  const known = chatStore.getState().roles[channelId];
  if (known) setRoles(channelId, { ...known, [userId]: role });
}

/**
 * The members' roles, so the panel and the messages offer only what the caller may do, and their
 * read marks (read receipts). Not loaded (an error):
 * roles stay unknown and the server alone decides who may remove or rename.
 */
export async function loadRoles(channelId: string): Promise<void> {
  try {
    const { members } = await api("GET /api/channels/:id/members", { params: { id: channelId } });
    setRoles(channelId, Object.fromEntries(members.map((m) => [m.userId, m.role])));
    // Read receipts: how far each member has read (null: they do not share it); `read` events
    // keep these current while connected, and the conversation loads them again on reconnect.
    setReads(
      channelId,
      members.map((m) => ({ userId: m.userId, lastReadSeq: m.lastReadSeq, joinedAt: m.joinedAt })),
    );
  } catch {
    // Roles are a hint for the UI; the actions themselves are checked by the server.
  }
}
