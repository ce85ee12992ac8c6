"use client";
import { useTranslations } from "next-intl";
import { Avatar } from "./avatar";
import { PresenceDot } from "./presence-dot";
import type { MemberName, MemberRole } from "@/lib/contract/models";
import { usePresence } from "./use-presence";

interface Props {
  member: MemberName;
  isMe: boolean;
  /** Unknown while the server does not tell roles. */
  role: MemberRole | undefined;
  canRemove: boolean;
  canSetRole: boolean;
  onRemove: () => void;
  onSetRole: (role: MemberRole) => void;
}

const ROLES: readonly MemberRole[] = ["owner", "admin", "member"];

export function MemberItem({ member, isMe, role, canRemove, canSetRole, onRemove, onSetRole }: Props) {
  const t = useTranslations("group");
  const presence = usePresence(member.id);
  return (
    <li className="member-item">
      <Avatar id={member.id} name={member.name} size="small" />
      <div className="member-text">
        <span className="member-name">
          {member.name}
          {isMe && <span className="member-you">{t("you")}</span>}
        </span>
        <span className="member-meta">
          {role && <span className="member-role">{t(role)}</span>}
          {presence && (
            <span className="member-presence">
              <PresenceDot online={presence.online} />
              {presence.text}
            </span>
          )}
        </span>
      </div>
      {canSetRole && role && (
        <select
          aria-label={t("roleOf", { name: member.name })}
          value={role}
          onChange={(e) => onSetRole(e.target.value as MemberRole)}
          className="role-select"
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(r)}
            </option>
          ))}
        </select>
      )}
      {canRemove && (
        <button type="button" className="button subtle small" aria-label={t("removeMember", { name: member.name })} onClick={onRemove}>
          {t("remove")}
        </button>
      )}
    </li>
  );
}
