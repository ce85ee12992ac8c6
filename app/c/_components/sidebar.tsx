"use client";
import { useTranslations } from "next-intl";
import { useChat } from "@/app/_client/use-chat";
import { Avatar } from "./avatar";
import { ChannelList } from "./channel-list";
import { InvitePeople } from "./invite-people";
import { LogOutButton } from "./log-out-button";
import { MentionsButton } from "./mentions-button";
import { NewMessageDialog } from "./new-message-dialog";
import { NotificationsToggle } from "./notifications-toggle";
import { QuickSwitcher } from "./quick-switcher";
import { SearchBox } from "./search-box";
import { SettingsDialog } from "./settings-dialog";
import { UnreadTitle } from "./unread-title";

export function Sidebar() {
  const t = useTranslations("sidebar");
  const me = useChat((s) => s.me);
  return (
    <aside className="sidebar">
      <div className="sidebar-head">
        <span className="brand">{t("brand")}</span>
        <NewMessageDialog />
      </div>
      <div className="sidebar-jump">
        <QuickSwitcher />
      </div>
      <div className="sidebar-tools">
        <SearchBox />
        <MentionsButton />
      </div>
      <InvitePeople />
      <ChannelList />
      <div className="sidebar-foot">
        {me && (
          <span className="me">
            <Avatar id={me.id} name={me.name} size="small" />
            <span className="me-name">{me.name}</span>
          </span>
        )}
        <NotificationsToggle />
        <div className="foot-actions">
          <SettingsDialog />
          <LogOutButton />
        </div>
      </div>
      <UnreadTitle />
    </aside>
  );
}
