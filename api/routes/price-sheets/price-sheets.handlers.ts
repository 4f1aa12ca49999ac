import type { RouteHandler } from "@hono/zod-openapi";
import { priceEntryFromRow } from "../../domain/pricing/price-entry.js";
import { assertKnownProvider } from "../../http/catalog-lookups.js";
import { ApiError } from "../../http/problem.js";
import type { AppBindings } from "../../http/types.js";
import { presentSheet, presentSheetSummary } from "../../presentation/present.js";
import { storePriceSheet } from "../../services/price-sheets.js";
import type * as routes from "./price-sheets.routes.js";

export const listPriceSheets: RouteHandler<typeof routes.listPriceSheets, AppBindings> = async (c) => {
  const { provider } = c.req.valid("query");
  const { prices: catalog } = await c.var.services.snapshot();
  assertKnownProvider(catalog, provider);
  const providerIds = provider !== undefined ? [provider] : [...catalog.sheetsByProvider.keys()].sort();
  const data = providerIds.flatMap((id) => (catalog.sheetsByProvider.get(id) ?? []).map(presentSheetSummary));
  return c.json({ data }, 200);
};

export const getPriceSheet: RouteHandler<typeof routes.getPriceSheet, AppBindings> = async (c) => {
  const { id } = c.req.valid("param");
  const { prices: catalog } = await c.var.services.snapshot();
  const sheet = catalog.sheets.get(id);
  if (!sheet)
    throw new ApiError(404, "not-found", `No price sheet '${id}'.`, [
      { pointer: "/path/id", detail: "unknown price sheet" },
    ]);
  return c.json(presentSheet(sheet), 200);
};

export const createPriceSheet: RouteHandler<typeof routes.createPriceSheet, AppBindings> = async (c) => {
  const body = c.req.valid("json");
  const services = c.var.services;
  // Fail in seconds (503) when the database is unreachable, rather than wait on a dead connection.
  await services.database.ping();
  const before = await services.snapshot();
  const outcome = await storePriceSheet(
    services.database.db,
    {
      provider: body.provider,
      effectiveFrom: body.effectiveFrom,
      currency: body.currency,
      source: body.source,
      checked: body.checked,
      checkedOn: body.checkedOn ?? services.today(),
      note: body.note ?? null,
      prices: body.prices.map(priceEntryFromRow),
      withdrawn: body.withdrawn ?? [],
    },
    before.prices,
  );
  if (outcome.outcome === "conflict") {
    throw new ApiError(
      409,
      "conflict",
      `A different ${body.provider} sheet is already stored for ${body.effectiveFrom} (${outcome.existingId}); sheets are immutable — import the change with a later effectiveFrom.`,
      [{ pointer: "/effectiveFrom", detail: "a different sheet exists for this provider and date" }],
    );
  }
  const { prices: catalog } = await services.reloadSnapshot();
  const sheet = catalog.sheets.get(outcome.id);
  if (!sheet) throw new Error(`stored sheet ${outcome.id} missing after reload`);
  c.header("Location", `/v1/price-sheets/${sheet.id}`);
  return c.json(presentSheet(sheet), outcome.outcome === "created" ? 201 : 200);
};
