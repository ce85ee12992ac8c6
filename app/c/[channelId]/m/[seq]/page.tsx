/** A permalink: the conversation in ../../layout.tsx opens around message `seq` and highlights it. */
export default function MessagePermalinkPage() {
  return null;
}
