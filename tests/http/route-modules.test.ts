import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";

/**
 * Every resource under api/routes/ has the same shape: `<resource>.routes.ts` (OpenAPI route
 * definitions), `<resource>.handlers.ts` (one handler per route) and `index.ts` (the router), with
 * the route, its handler and its operationId sharing one name.
 */
const ROUTES_DIR = new URL("../../api/routes/", import.meta.url);
/** Plain Hono routes outside the OpenAPI document: `/` and `/docs`. */
const NOT_IN_THE_DOCUMENT = new Set(["home", "docs"]);

const resources = readdirSync(ROUTES_DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory() && !NOT_IN_THE_DOCUMENT.has(d.name))
  .map((d) => d.name);

describe("route modules", () => {
  it.each(resources)("%s: routes, handlers and operationIds share their names", async (resource) => {
    const files = readdirSync(new URL(`${resource}/`, ROUTES_DIR)).filter((f) => !f.endsWith(".test.ts"));
    expect(files.sort()).toEqual([`${resource}.handlers.ts`, `${resource}.routes.ts`, "index.ts"].sort());
    const routes = await import(`../../api/routes/${resource}/${resource}.routes.ts`);
    const handlers = await import(`../../api/routes/${resource}/${resource}.handlers.ts`);
    const defined = Object.entries(routes).filter(
      ([, value]) => typeof value === "object" && value !== null && "operationId" in value,
    ) as [string, { operationId: string }][];
    expect(defined.length).toBeGreaterThan(0);
    for (const [name, route] of defined) {
      expect(route.operationId, `${resource}.routes.ts ${name}`).toBe(name);
      expect(typeof handlers[name], `${resource}.handlers.ts ${name}`).toBe("function");
    }
  });
});
