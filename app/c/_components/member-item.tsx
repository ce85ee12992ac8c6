"use client";
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

const roleNames: Record<MemberRole, string> = { owner: "Owner", admin: "Admin", member: "Member" };

export function MemberItem({ member, isMe, role, canRemove, canSetRole, onRemove, onSetRole }: Props) {
  const presence = usePresence(member.id);
  return (
    <li className="member-item">
      <Avatar id={member.id} name={member.name} size="small" />
      <div className="member-text">
        <span className="member-name">
          {member.name}
          {isMe && <span className="member-you"> (you)</span>}
        </span>
        <span className="member-meta">
          {role && <span className="member-role">{roleNames[role]}</span>}
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
          aria-label={`Role of ${member.name}`}
          value={role}
          onChange={(e) => onSetRole(e.target.value as MemberRole)}
          className="role-select"
        >
          {(Object.keys(roleNames) as MemberRole[]).map((r) => (
            <option key={r} value={r}>
              {roleNames[r]}
            </option>
          ))}
        </select>
      )}
      {canRemove && (
        <button type="button" className="button subtle small" aria-label={`Remove ${member.name}`} onClick={onRemove}>
          Remove
        </button>
      )}
    </li>
  );
}
