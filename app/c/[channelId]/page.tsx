import { Conversation } from "../_components/conversation";

export default async function ChannelPage({ params }: { params: Promise<{ channelId: string }> }) {
  const { channelId } = await params;
  return <Conversation key={channelId} channelId={decodeURIComponent(channelId)} />;
}
