import type { RouteHandler } from "@hono/zod-openapi";
import type { PriceRecord, PriceSheetRecord } from "../../domain/pricing/price-catalog.js";
import { assertKnownBaseModel, assertKnownProvider } from "../../http/catalog-lookups.js";
import { byKey, pageOf } from "../../http/paging.js";
import { ApiError } from "../../http/problem.js";
import type { AppBindings } from "../../http/types.js";
import { presentPriceInForce } from "../../presentation/present.js";
import type * as routes from "./prices.routes.js";

export const listPrices: RouteHandler<typeof routes.listPrices, AppBindings> = async (c) => {
  const { provider, model, baseModel, at: atParam, limit, cursor } = c.req.valid("query");
  const at = atParam ?? c.var.services.today();
  const { prices: catalog } = await c.var.services.snapshot();
  assertKnownProvider(catalog, provider);
  assertKnownBaseModel(catalog, baseModel);
  const family =
    baseModel === undefined
      ? undefined
      : new Set([baseModel, ...catalog.variantsOf(baseModel).map((m) => m.id)]);
  const providerIds = provider !== undefined ? [provider] : [...catalog.sheetsByProvider.keys()].sort();
  let modelKnown = model === undefined;
  const data: { key: string; sheet: PriceSheetRecord; price: PriceRecord }[] = [];
  for (const providerId of providerIds) {
    const modelId = model === undefined ? undefined : catalog.resolveModel(providerId, model, at)?.model.id;
    if (model !== undefined && modelId === undefined) continue;
    modelKnown = true;
    if (modelId !== undefined) {
      const inForce = catalog.priceInForce(providerId, modelId, at);
      if (inForce && (!family || family.has(modelId)))
        data.push({ key: `${providerId}\u0000${modelId}`, ...inForce });
      continue;
    }
    if (family) {
      for (const id of family) {
        const inForce = catalog.priceInForce(providerId, id, at);
        if (inForce) data.push({ key: `${providerId}\u0000${id}`, ...inForce });
      }
      continue;
    }
    for (const { sheet, price } of catalog.pricesInForce(providerId, at)) {
      data.push({ key: `${providerId}\u0000${price.modelId}`, sheet, price });
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
  data.sort(byKey((row) => row.key));
  const page = pageOf(data, (row) => row.key, limit, cursor);
  return c.json(
    {
      at,
      data: page.data.map((row) => presentPriceInForce(row.sheet, row.price)),
      nextCursor: page.nextCursor,
    },
    200,
  );
};
