// Route keys ("METHOD /path/:param") taken apart and filled in: what the browser needs of the
// route map at run time. Apart from http.ts, which holds the zod schemas the browser never runs.

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export function splitRouteKey(key: string): { method: HttpMethod; pattern: string } {
  const [method, pattern] = key.split(" ") as [HttpMethod, string];
  return { method, pattern };
}

/** The pattern with each `:param` replaced by its value, URI-encoded. */
export function fillPath(pattern: string, params: Readonly<Record<string, string>>): string {
  return pattern.replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name} for ${pattern}`);
    return encodeURIComponent(value);
  });
}
