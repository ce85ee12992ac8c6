// A user agent header as a person recognises it ("Chrome on Linux"); scripts and unknown
// clients keep their own product token ("curl/8.5.0"). Product names stay as they are in every
// language; the words around them come from the catalogs.
import { uiText } from "./ui-text";
const BROWSERS: [RegExp, string][] = [
  [/Edg\//, "Edge"],
  [/OPR\/|Opera/, "Opera"],
  [/Firefox\//, "Firefox"],
  [/Chrom(e|ium)\//, "Chrome"],
  [/Version\/[\d.]+.*Safari\//, "Safari"],
];
const SYSTEMS: [RegExp, string][] = [
  [/Android/, "Android"],
  [/iPhone|iPad|iPod/, "iOS"],
  [/Windows/, "Windows"],
  [/Mac OS X|Macintosh/, "macOS"],
  [/CrOS/, "ChromeOS"],
  [/Linux/, "Linux"],
];

export function describeUserAgent(ua: string | null): string {
  if (!ua) return uiText("settings.unknownDevice");
  const browser = BROWSERS.find(([re]) => re.test(ua))?.[1];
  const system = SYSTEMS.find(([re]) => re.test(ua))?.[1];
  if (browser && system) return uiText("settings.browserOn", { browser, system });
  if (browser ?? system) return (browser ?? system)!;
  const product = ua.split(/\s/)[0]!;
  return product.length > 60 ? `${product.slice(0, 59)}…` : product;
}
