import type { RouteHandler } from "@hono/zod-openapi";
import { assertKnownProvider } from "../../http/catalog-lookups.js";
import { ApiError } from "../../http/problem.js";
import type { AppBindings } from "../../http/types.js";
import { presentModel, presentPriceInForce } from "../../presentation/present.js";
import type * as routes from "./models.routes.js";

export const listModels: RouteHandler<typeof routes.listModels, AppBindings> = async (c) => {
  const { openWeights, provider, minContextWindow } = c.req.valid("query");
  const { prices: catalog } = await c.var.services.snapshot();
  let pricedByProvider: Set<string> | undefined;
  assertKnownProvider(catalog, provider);
  if (provider !== undefined) {
    pricedByProvider = new Set(catalog.sheetInForce(provider, c.var.services.today())?.prices.keys());
  }
  const data = [...catalog.models.values()]
    .filter((m) => openWeights === undefined || m.openWeights === (openWeights === "true"))
    .filter((m) => minContextWindow === undefined || m.contextWindow >= minContextWindow)
    .filter((m) => !pricedByProvider || pricedByProvider.has(m.id))
    .map((m) => presentModel(m, catalog));
  return c.json({ data }, 200);
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
  const offerings = [];
  for (const providerId of catalog.sheetsByProvider.keys()) {
    const sheet = catalog.sheetInForce(providerId, today);
    const price = sheet?.prices.get(model.id);
    if (sheet && price) offerings.push(presentPriceInForce(sheet, price));
  }
  return c.json({ ...presentModel(model, catalog), offerings }, 200);
};
