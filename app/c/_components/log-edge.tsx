"use client";
import { useTranslations } from "next-intl";

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
  const t = useTranslations("log");
  const tc = useTranslations("common");
  const tv = useTranslations("conversation");
  return (
    <div className={`log-edge ${side}`}>
      {error ? (
        <p className="log-note">
          {error}{" "}
          <button type="button" className="link-button" onClick={onMore}>
            {t("tryAgain")}
          </button>
        </p>
      ) : loading ? (
        <p className="log-note">{tc("loading")}</p>
      ) : reached ? (
        <p className="log-note">{empty ? t("empty") : t("beginning")}</p>
      ) : (
        <button type="button" className="button subtle" onClick={onMore}>
          {side === "start" ? tv("loadEarlier") : tv("loadNewer")}
        </button>
      )}
    </div>
  );
}
