/**
 * `/openapi.json` (the live OpenAPI 3.1 document) and `/docs` (Scalar's interactive reference). The
 * reference's script is served by this service, never a CDN, and the page asks nothing of any other
 * host (tests/browser/pages.test.ts loads it with every off-machine request blocked).
 */
import { Scalar } from "@scalar/hono-api-reference";
import type { AppOpenAPI } from "../../http/types.js";
import { openApiDocument } from "../../openapi.js";

/** Path the docs page loads its script from. */
export const SCALAR_SCRIPT_PATH = "/docs/scalar.js";

export interface DocsAssets {
  /** The `@scalar/api-reference` standalone bundle (Node reads it from node_modules). */
  scalarScript(): Promise<string | ArrayBuffer>;
}

export function registerDocs(app: AppOpenAPI, assets: DocsAssets | undefined): void {
  app.get("/openapi.json", (c) => c.json(openApiDocument(app)));
  app.get(
    "/docs",
    Scalar({
      url: "/openapi.json",
      cdn: SCALAR_SCRIPT_PATH,
      pageTitle: "LLM TCO API reference",
      hideClientButton: false,
      telemetry: false,
      // Nothing off the machine: system fonts instead of fonts.scalar.com, no AI agent and no
      // share/deploy toolbar (both call scalar.com), and "try it" requests go straight to this
      // service, never through Scalar's public proxy.
      withDefaultFonts: false,
      agent: { disabled: true },
      showDeveloperTools: "never",
      proxyUrl: "",
    } as never),
  );
  if (assets) {
    let cached: Promise<string | ArrayBuffer> | undefined;
    app.get(SCALAR_SCRIPT_PATH, async (c) => {
      cached ??= assets.scalarScript();
      const body = await cached;
      return c.body(body as never, 200, {
        "content-type": "application/javascript; charset=utf-8",
        "cache-control": "public, max-age=86400",
      });
    });
  }
}
