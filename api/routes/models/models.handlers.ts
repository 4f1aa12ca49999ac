import type { RouteHandler } from "@hono/zod-openapi";
import { assertKnownBaseModel, assertKnownProvider } from "../../http/catalog-lookups.js";
import { pageOf } from "../../http/paging.js";
import { ApiError } from "../../http/problem.js";
import type { AppBindings } from "../../http/types.js";
import { presentModel, presentPriceInForce } from "../../presentation/present.js";
import type * as routes from "./models.routes.js";

export const listModels: RouteHandler<typeof routes.listModels, AppBindings> = async (c) => {
  const { openWeights, provider, minContextWindow, baseModel, q, limit, cursor } = c.req.valid("query");
  const { prices: catalog } = await c.var.services.snapshot();
  let pricedByProvider: Set<string> | undefined;
  assertKnownProvider(catalog, provider);
  assertKnownBaseModel(catalog, baseModel);
  if (provider !== undefined) {
    const today = c.var.services.today();
    pricedByProvider = new Set(catalog.pricesInForce(provider, today).map((p) => p.price.modelId));
  }
  const needle = q?.toLowerCase();
  const rows = catalog.modelsById.filter(
    (m) =>
      (openWeights === undefined || m.openWeights === (openWeights === "true")) &&
      (minContextWindow === undefined || (m.contextWindow ?? 0) >= minContextWindow) &&
      (baseModel === undefined || m.baseModel === baseModel) &&
      (!pricedByProvider || pricedByProvider.has(m.id)) &&
      (needle === undefined || catalog.searchText(m.id).includes(needle)),
  );
  const page = pageOf(rows, (m) => m.id, limit, cursor);
  return c.json({ data: page.data.map((m) => presentModel(m, catalog)), nextCursor: page.nextCursor }, 200);
};

export const getModel: RouteHandler<typeof routes.getModel, AppBindings> = async (c) => {
  const { modelId } = c.req.valid("param");
  const { prices: catalog } = await c.var.services.snapshot();
  const model = catalog.models.get(modelId);
  if (!model)
    throw new ApiError(404, "not-found", `Unknown model '${modelId}'.`, [
      { pointer: "/path/modelId", detail: "unknown model" },
    ]);
  const today = c.var.services.today();
  const variants = catalog.variantsOf(model.id);
  const offerings = [];
  for (const providerId of [...catalog.sheetsByProvider.keys()].sort()) {
    for (const id of [model.id, ...variants.map((v) => v.id)]) {
      const inForce = catalog.priceInForce(providerId, id, today);
      if (inForce) offerings.push(presentPriceInForce(inForce.sheet, inForce.price));
    }
  }
  return c.json({ ...presentModel(model, catalog), offerings, variants: variants.map((v) => v.id) }, 200);
};
