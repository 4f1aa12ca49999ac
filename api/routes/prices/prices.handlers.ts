import type { RouteHandler } from "@hono/zod-openapi";
import { assertKnownProvider } from "../../http/catalog-lookups.js";
import { ApiError } from "../../http/problem.js";
import type { AppBindings } from "../../http/types.js";
import { presentPriceInForce } from "../../presentation/present.js";
import type * as routes from "./prices.routes.js";

export const listPrices: RouteHandler<typeof routes.listPrices, AppBindings> = async (c) => {
  const { provider, model, at: atParam } = c.req.valid("query");
  const at = atParam ?? c.var.services.today();
  const { prices: catalog } = await c.var.services.snapshot();
  assertKnownProvider(catalog, provider);
  const providerIds = provider !== undefined ? [provider] : [...catalog.sheetsByProvider.keys()].sort();
  let modelKnown = model === undefined;
  const data = [];
  for (const providerId of providerIds) {
    const modelId = model === undefined ? undefined : catalog.resolveModel(providerId, model, at)?.model.id;
    if (model !== undefined && modelId === undefined) continue;
    modelKnown = true;
    for (const { sheet, price } of catalog.pricesInForce(providerId, at)) {
      if (modelId === undefined || price.modelId === modelId) data.push(presentPriceInForce(sheet, price));
    }
  }
  if (!modelKnown) {
    throw new ApiError(
      404,
      "not-found",
      `Unknown model '${model}'${provider ? ` for provider '${provider}'` : ""}.`,
      [{ pointer: "/query/model", detail: "unknown model" }],
    );
  }
  data.sort((a, b) =>
    a.provider === b.provider ? (a.model < b.model ? -1 : 1) : a.provider < b.provider ? -1 : 1,
  );
  return c.json({ at, data }, 200);
};
