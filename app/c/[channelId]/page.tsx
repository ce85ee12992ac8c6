/** The newest messages: shown by the conversation in ./layout.tsx. */
export default function ChannelPage() {
  return null;
}
