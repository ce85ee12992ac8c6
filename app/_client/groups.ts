// Changing a group over HTTP: members, name, roles. Members hear of every change as a `channel`
// event; the answers are applied here too, so the one who acted sees it at once.
import type { Channel } from "@/lib/contract/models";
import { ApiError, apiDelete, apiGet, apiPatch, apiPost } from "./api";
import { forgetChannel, takeChannel } from "./device-state";
import { ensureUsers } from "./people";
import { chatStore, type MemberRole, setRoles } from "./store";

const base = (channelId: string) => `/api/channels/${encodeURIComponent(channelId)}`;

export async function addMembers(channelId: string, userIds: string[]): Promise<void> {
  const { channel } = await apiPost<{ channel: Channel }>(`${base(channelId)}/members`, { userIds });
  takeChannel(channel);
  ensureUsers(channel.memberIds);
}

/** Removes another member (owners and admins). */
export async function removeMember(channelId: string, userId: string): Promise<void> {
  await apiDelete(`${base(channelId)}/members/${encodeURIComponent(userId)}`);
  const c = chatStore.getState().channels[channelId];
  if (c) takeChannel({ ...c, memberIds: c.memberIds.filter((id) => id !== userId) });
}

export async function leaveGroup(channelId: string): Promise<void> {
  const me = chatStore.getState().me;
  if (!me) return;
  await apiDelete(`${base(channelId)}/members/${encodeURIComponent(me.id)}`);
  forgetChannel(channelId);
}

export async function renameGroup(channelId: string, name: string): Promise<void> {
  const { channel } = await apiPatch<{ channel: Channel }>(base(channelId), { name });
  takeChannel(channel);
}

export async function setMemberRole(channelId: string, userId: string, role: MemberRole): Promise<void> {
  await apiPatch(`${base(channelId)}/members/${encodeURIComponent(userId)}`, { role });
  const known = chatStore.getState().roles[channelId];
  if (known) setRoles(channelId, { ...known, [userId]: role });
}

/**
 * The members' roles. The protocol gives no way to read them yet; a server that answers
 * `GET /api/channels/:id/members` with `{members: [{userId, role}]}` is used when there is one.
 * Until then roles stay unknown and the server alone decides who may remove or rename.
 */
let rolesUnsupported = false;

export async function loadRoles(channelId: string): Promise<void> {
  if (rolesUnsupported) return;
  try {
    const { members } = await apiGet<{ members?: { userId: string; role: MemberRole }[] }>(`${base(channelId)}/members`);
    if (Array.isArray(members)) setRoles(channelId, Object.fromEntries(members.map((m) => [m.userId, m.role])));
  } catch (err) {
    if (err instanceof ApiError && (err.status === 404 || err.status === 405)) rolesUnsupported = true;
  }
}
