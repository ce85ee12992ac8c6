// Sizes fixed by the protocol. Changing one is a protocol change.
export const LIMITS = {
  bodyMaxChars: 4000,
  clientMsgIdMaxChars: 100,
  nameMaxChars: 100,
  passwordMinChars: 8,
  passwordMaxChars: 1024,
  emailMaxChars: 254,
  historyDefault: 50,
  historyMax: 200,
  syncDefault: 500,
  syncMax: 1000,
  syncMaxCursors: 20_000,
  membersPerRequest: 500,
  /** PROTOCOL.md: groups hold at least 1,000. */
  groupMaxMembers: 5000,
  /** Presence is pushed within direct channels and groups of at most this many members; larger
   * groups ask with presence:subscribe (PROTOCOL.md). */
  presencePushedGroupMax: 100,
  presenceSubscribeMax: 500,
  searchQueryMaxChars: 200,
  /** Different emoji on one message (PROTOCOL.md "Messages that change"). */
  reactionsPerMessageMax: 20,
  /** The longest emoji accepted, in UTF-16 units (long ZWJ family sequences fit). */
  emojiMaxChars: 32,
  attachmentsPerMessageMax: 10,
  /** A profile picture upload (PUT /api/me/avatar): 5 MiB, JPEG/PNG/GIF/WebP. */
  avatarMaxBytes: 5 * 1024 * 1024,
  /** Its sides, in pixels: smaller is too blurry to show, larger is refused before decoding. */
  avatarMinPx: 32,
  avatarMaxPx: 8192,
  /** What is stored and served: a square WebP of this many pixels a side. */
  avatarPx: 256,
} as const;
