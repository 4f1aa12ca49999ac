/**
 * The OpenAPI 3.1 document `/openapi.json` serves, built without a server, database or environment
 * (the SDK generator, `scripts/generate-sdk.ts`, writes it to `sdk/openapi.json`). Apart from
 * `openapi.ts` (the document's top-level text, which the docs route needs) so that neither imports
 * the other's importer: app.ts → routes/docs → openapi.ts, and this module → app.ts.
 */
import { createApp } from "./app.js";
import { openApiDocument } from "./openapi.js";
import type { Services } from "./services/services.js";

/**
 * A `Services` for an app that is only ever asked for its OpenAPI document. `createApp` needs services
 * solely for its per-request middleware and handlers; describing the routes never touches them. Rather
 * than fake a database or logger, every property access throws, so if a request ever reached this app
 * it would fail loudly instead of answering with made-up data.
 */
function servicesForDocumentOnly(): Services {
  return new Proxy({} as Services, {
    get(_target, property) {
      throw new Error(
        `This app was built only to describe its OpenAPI document and cannot serve requests (services.${String(property)} was read).`,
      );
    },
  });
}

/** The app's OpenAPI 3.1 document. */
export function buildOpenApiDocument() {
  return openApiDocument(createApp(servicesForDocumentOnly()));
}
