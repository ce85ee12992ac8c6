import { Conversation } from "../_components/conversation";

/**
 * The conversation lives in the layout, so that moving between `/c/:id` and its permalinks
 * `/c/:id/m/:seq` keeps it (and its scroll position) instead of building it again; the pages
 * only choose what it shows, through the URL.
 */
export default async function ChannelLayout({ params, children }: { params: Promise<{ channelId: string }>; children: React.ReactNode }) {
  const { channelId } = await params;
  return (
    <>
      <Conversation key={channelId} channelId={decodeURIComponent(channelId)} />
      {children}
    </>
  );
}
