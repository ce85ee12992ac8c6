// A file's name as shown to others and offered when saving: made safe, never refused. No folder
// part (either slash), no control, bidi or NUL characters (a name can otherwise pose as
// "invoice_fdp.exe" shown as "invoice_exe.pdf"), no lone surrogates, no characters Windows
// refuses, at most NAME_MAX code points with the extension kept, and never empty.
import { cleanName } from "../../lib/contract/text-rules";

export const NAME_MAX = 200;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const WINDOWS_RESERVED = /[<>:"|?*]/g;

export function safeFileName(raw: string | undefined | null): string {
  let name = String(raw ?? "").replace(LONE_SURROGATE, "\uFFFD");
  name = name.split(/[/\\]/).pop() ?? "";
  name = cleanName(name.replace(/\u0000/g, "")).replace(WINDOWS_RESERVED, "_");
  // Leading dots would hide the file on some systems; trailing dots and spaces vanish on Windows.
  name = name.replace(/^[.\s]+/, "").replace(/[.\s]+$/, "");
  const chars = [...name];
  if (chars.length > NAME_MAX) {
    const dot = name.lastIndexOf(".");
    const ext = dot > 0 ? [...name.slice(dot)] : [];
    const keep = ext.length > 0 && ext.length <= 16 ? ext : [];
    name = chars.slice(0, NAME_MAX - keep.length).join("").trimEnd() + keep.join("");
  }
  return name === "" ? "file" : name;
}
