/**
 * Look-ups of ids a request names in its query or path, against the catalogue snapshot: an unknown
 * one is a 404 problem pointing at the parameter. Shared by the catalogue routes.
 */
import type { PriceCatalog } from "../domain/pricing/price-catalog.js";
import { ApiError } from "./problem.js";

/**
 * Throw a 404 problem at `/query/baseModel` unless the catalogue knows `baseModel` as a model (or none is
 * given).
 */
export function assertKnownBaseModel(catalog: PriceCatalog, baseModel: string | undefined): void {
  if (baseModel !== undefined && !catalog.models.has(baseModel)) {
    throw new ApiError(404, "not-found", `Unknown model '${baseModel}'.`, [
      { pointer: "/query/baseModel", detail: "unknown model" },
    ]);
  }
}

/** Throw a 404 problem at `/query/provider` unless the catalogue knows `provider` (or none is given). */
export function assertKnownProvider(catalog: PriceCatalog, provider: string | undefined): void {
  if (provider !== undefined && !catalog.providers.has(provider)) {
    throw new ApiError(404, "not-found", `Unknown provider '${provider}'.`, [
      { pointer: "/query/provider", detail: "unknown provider" },
    ]);
  }
}
