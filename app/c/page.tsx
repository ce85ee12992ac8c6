export default function ChatHome() {
  return (
    <div className="empty-state">
      <h1>Your conversations</h1>
      <p>Pick a conversation from the list, or press “New message” to start one.</p>
    </div>
  );
}
