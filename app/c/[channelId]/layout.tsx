import { OpenConversation } from "../_components/open-conversation";

/**
 * The conversation lives in the layout, so that moving between `/c/:id` and its permalinks
 * `/c/:id/m/:seq` keeps it (and its scroll position) instead of building it again; the pages
 * only choose what it shows, through the URL. It reads the id from the address, not from this
 * layout's params: the page is the same app shell for every conversation (kept for offline use).
 */
export default function ChannelLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <OpenConversation />
      {children}
    </>
  );
}
