"use client";
import { useEffect, useMemo } from "react";
import { ensureUsers } from "@/app/_client/people";
import { useChat } from "@/app/_client/use-chat";
import type { Channel, MemberName } from "@/lib/contract/models";

/** The channel's members whose names are known, in member order; asks for the others' names. */
export function useChannelMembers(channel: Channel | undefined): MemberName[] {
  const memberIds = channel?.memberIds;
  const users = useChat((s) => s.users);
  useEffect(() => {
    if (memberIds) ensureUsers(memberIds);
  }, [memberIds]);
  return useMemo(() => {
    const out: MemberName[] = [];
    for (const id of memberIds ?? []) {
      const name = users[id]?.name;
      if (name) out.push({ id, name });
    }
    return out;
  }, [memberIds, users]);
}
