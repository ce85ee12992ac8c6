// The dark colours are written twice in tokens.css (CSS cannot share one block between a chosen
// theme and a media query): for data-theme="dark", and for "system" on a dark OS. They must not
// drift apart, and each must give every token the light theme has a colour for.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const css = fs.readFileSync(path.join(import.meta.dirname, "tokens.css"), "utf8").replace(/\/\*[\s\S]*?\*\//g, "");

/** The custom properties declared in the first rule whose selector is exactly `selector`. */
function declarations(selector: string): Map<string, string> {
  const at = css.indexOf(`${selector} {`);
  if (at < 0) throw new Error(`no rule ${selector}`);
  const body = css.slice(css.indexOf("{", at) + 1, css.indexOf("}", at));
  return new Map([...body.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]));
}

describe("tokens.css", () => {
  const light = declarations(":root");
  const chosen = declarations(':root[data-theme="dark"]');
  const system = declarations(':root:not([data-theme="light"])');

  it("the chosen dark theme and the system's dark theme are the same colours", () => {
    expect(Object.fromEntries(system)).toEqual(Object.fromEntries(chosen));
  });

  it("the system's dark block sits inside prefers-color-scheme: dark", () => {
    expect(css).toMatch(/@media \(prefers-color-scheme: dark\) \{\s*:root:not\(\[data-theme="light"\]\) \{/);
  });

  it("every dark colour replaces a light one, and every light colour but the avatar's has a dark one", () => {
    for (const name of chosen.keys()) expect(light.has(name), name).toBe(true);
    const same = ["--radius", "--avatar-saturation", "--avatar-lightness", "--on-avatar", "--accent-fill", "--on-accent-fill", "--on-badge-fill", "--on-danger-fill"];
    for (const name of light.keys()) if (!same.includes(name)) expect(chosen.has(name), name).toBe(true);
  });
});
