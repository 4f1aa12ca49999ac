/**
 * The slice of `@pydantic/genai-prices`' data the importer reads (the package's own `.d.ts` names these
 * `Provider`, `ModelInfo`, `ConditionalPrice`, `ModelPrice`); restated structurally so a test fixture in
 * the same format needs no class instances.
 */
import type { MatchLogic } from "../../api/domain/pricing/model-match.js";

export interface GpTiered {
  base: number;
  tiers: { start: number; price: number }[];
}

export type GpModelPrice = Record<string, number | GpTiered | undefined>;

export type GpConstraint =
  | { type: "start_date"; start_date: string }
  | { type: "time_of_date"; start_time: string; end_time: string };

export interface GpConditionalPrice {
  constraint?: GpConstraint;
  prices: GpModelPrice;
}

export interface GpModel {
  id: string;
  match: MatchLogic;
  name?: string;
  description?: string;
  context_window?: number;
  price_comments?: string;
  deprecated?: boolean;
  prices: GpModelPrice | GpConditionalPrice[];
}

export interface GpProvider {
  id: string;
  name: string;
  pricing_urls?: string[];
  models: GpModel[];
}

/** Which published package the data comes from (`source.json` beside the imported files). */
export interface GpPackageSource {
  package: string;
  version: string;
  /** Publication date (YYYY-MM-DD) from the registry's metadata: the date unconditional prices take. */
  publishedOn: string;
  publishedAt: string;
  shasum: string;
  license: string;
}
