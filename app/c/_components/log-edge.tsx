"use client";

interface Props {
  side: "start" | "end";
  loading: boolean;
  error: string | undefined;
  /** The first message of the conversation is shown (start only). */
  reached: boolean;
  empty: boolean;
  /** Loads the next page towards this edge (also "Try again"). */
  onMore: () => void;
}

/**
 * The top (or bottom, for an old stretch of history) of the log: loading, an error with a retry,
 * the beginning of the conversation, or a button for those who do not scroll.
 */
export function LogEdge({ side, loading, error, reached, empty, onMore }: Props) {
  return (
    <div className={`log-edge ${side}`}>
      {error ? (
        <p className="log-note">
          {error}{" "}
          <button type="button" className="link-button" onClick={onMore}>
            Try again
          </button>
        </p>
      ) : loading ? (
        <p className="log-note">Loading…</p>
      ) : reached ? (
        <p className="log-note">{empty ? "No messages yet. Say hello!" : "This is the beginning of the conversation."}</p>
      ) : (
        <button type="button" className="button subtle" onClick={onMore}>
          {side === "start" ? "Load earlier messages" : "Load newer messages"}
        </button>
      )}
    </div>
  );
}
