/** What a file answer may do if opened directly: nothing (no scripts, no plugins, no forms). */
export const FILE_CSP = "default-src 'none'; sandbox";
