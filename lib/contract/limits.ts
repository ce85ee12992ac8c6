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
  membersPerRequest: 500,
  presenceSubscribeMax: 500,
  searchQueryMaxChars: 200,
} as const;
