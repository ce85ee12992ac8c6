"use client";
import { useEffect, useMemo, useState } from "react";
import { useTranslations } from "next-intl";
import { useErrorText } from "@/app/_client/use-error-text";
import { subscribePresence } from "@/app/_client/chat-connection";
import { addMembers, leaveGroup, loadRoles, removeMember, renameGroup, setMemberRole } from "@/app/_client/groups";
import type { ChannelEntry } from "@/app/_client/store";
import type { MemberRole } from "@/lib/contract/models";
import { useChat } from "@/app/_client/use-chat";
import { LIMITS } from "@/lib/contract/limits";
import { AddPeopleForm } from "./add-people-form";
import { LeaveGroup } from "./leave-group";
import { MemberItem } from "./member-item";
import { RenameGroupForm } from "./rename-group-form";
import { useChannelMembers } from "./use-channel-members";

/** Rows rendered at most; the filter finds the others. */
const SHOWN_MAX = 200;

interface Props {
  channel: ChannelEntry;
  titleId: string;
  onDone: () => void;
}

/**
 * Who is in the group, and changing it: add people, remove members and rename (owners and
 * admins), change roles (owners), leave. While the server does not say who has which role,
 * everything is offered and the server's refusal is shown.
 */
export function MembersPanel({ channel, titleId, onDone }: Props) {
  const t = useTranslations("group");
  const tc = useTranslations("common");
  const errorText = useErrorText();
  const meId = useChat((s) => s.me?.id ?? "");
  const roles = useChat((s) => s.roles[channel.id]);
  const members = useChannelMembers(channel);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState("");
  const myRole: MemberRole | undefined = roles?.[meId];
  const canManage = roles === undefined || myRole === "owner" || myRole === "admin";
  const canSetRoles = myRole === "owner";

  useEffect(() => {
    void loadRoles(channel.id);
  }, [channel.id]);

  const shown = useMemo(() => {
    const f = filter.trim().toLowerCase();
    const list = f ? members.filter((m) => m.name.toLowerCase().includes(f)) : members;
    // You first, then everyone in the order they joined.
    return [...list.filter((m) => m.id === meId), ...list.filter((m) => m.id !== meId)].slice(0, SHOWN_MAX);
  }, [members, filter, meId]);

  const shownIds = shown.map((m) => m.id).join(",");
  useEffect(() => {
    if (channel.memberIds.length > LIMITS.presencePushedGroupMax && shownIds) void subscribePresence(shownIds.split(","));
  }, [channel.memberIds.length, shownIds]);

  /** Runs a change; a refusal is shown in the dialog. */
  async function act(change: () => Promise<void>): Promise<boolean> {
    setError(null);
    try {
      await change();
      return true;
    } catch (err) {
      setError(errorText(err, t("couldNotDo")));
      return false;
    }
  }

  const memberIds = useMemo(() => new Set(channel.memberIds), [channel.memberIds]);
  const missingNames = channel.memberIds.length - members.length;
  return (
    <div className="dialog-body">
      <div className="dialog-head">
        <h2 id={titleId}>{t("members")}</h2>
        <button type="button" className="icon-button" aria-label={tc("close")} onClick={onDone}>
          ×
        </button>
      </div>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      {canManage && <RenameGroupForm current={channel.name ?? ""} onSave={(name) => act(() => renameGroup(channel.id, name))} />}
      <section className="member-section" aria-label={t("groupMembers")}>
        <h3 className="section-title">
          {t("memberCount", { count: channel.memberIds.length })}
        </h3>
        {channel.memberIds.length > 12 && (
          <input
            type="search"
            className="member-filter"
            aria-label={t("findMember")}
            placeholder={t("findMember")}
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
        )}
        <ul className="member-list">
          {shown.map((m) => (
            <MemberItem
              key={m.id}
              member={m}
              isMe={m.id === meId}
              role={roles?.[m.id]}
              canRemove={canManage && m.id !== meId}
              canSetRole={canSetRoles && m.id !== meId}
              onRemove={() => act(() => removeMember(channel.id, m.id))}
              onSetRole={(role) => act(() => setMemberRole(channel.id, m.id, role))}
            />
          ))}
        </ul>
        {missingNames > 0 && !filter && <p className="picker-empty">{t("loadingMore", { count: missingNames })}</p>}
      </section>
      <AddPeopleForm exclude={memberIds} onAdd={(ids) => act(() => addMembers(channel.id, ids))} />
      <LeaveGroup
        onLeave={async () => {
          if (await act(() => leaveGroup(channel.id))) onDone();
        }}
      />
    </div>
  );
}
