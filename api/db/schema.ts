/**
 * Postgres schema (drizzle-orm). Money and rates are `numeric` (exact, returned as strings), never float.
 * Price sheets are immutable versions: a price change is a new sheet, never an update.
 */
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";

export const providers = pgTable("providers", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  url: text("url").notNull(),
});

export const models = pgTable(
  "models",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    creator: text("creator").notNull(),
    family: text("family").notNull(),
    openWeights: boolean("open_weights").notNull(),
    license: text("license"),
    releaseDate: date("release_date", { mode: "string" }),
    contextWindow: integer("context_window").notNull(),
    mmlu: numeric("mmlu"),
    /** Open-weight architecture facts (params, layers, heads, KV heads, head dim); null if closed. */
    architecture: jsonb("architecture"),
    source: text("source").notNull(),
    checkedOn: date("checked_on", { mode: "string" }).notNull(),
    checked: boolean("checked").notNull(),
    note: text("note"),
  },
  (t) => [index("models_open_weights_idx").on(t.openWeights)],
);

/** A provider's name for a model, pointing at a model from a date on (aliases move over time). */
export const modelAliases = pgTable(
  "model_aliases",
  {
    id: serial("id").primaryKey(),
    providerId: text("provider_id")
      .notNull()
      .references(() => providers.id),
    alias: text("alias").notNull(),
    modelId: text("model_id")
      .notNull()
      .references(() => models.id),
    effectiveFrom: date("effective_from", { mode: "string" }).notNull(),
    source: text("source").notNull(),
    checkedOn: date("checked_on", { mode: "string" }).notNull(),
    checked: boolean("checked").notNull(),
    note: text("note"),
  },
  (t) => [unique("model_aliases_provider_alias_from_uq").on(t.providerId, t.alias, t.effectiveFrom)],
);

/** One immutable, dated version of a provider's complete price list. */
export const priceSheets = pgTable(
  "price_sheets",
  {
    /** Readable id: `<provider>-<effectiveFrom>`, unique because provider + date is. */
    id: text("id").primaryKey(),
    providerId: text("provider_id")
      .notNull()
      .references(() => providers.id),
    effectiveFrom: date("effective_from", { mode: "string" }).notNull(),
    currency: text("currency").notNull(),
    source: text("source").notNull(),
    checkedOn: date("checked_on", { mode: "string" }).notNull(),
    checked: boolean("checked").notNull(),
    note: text("note"),
    /** sha-256 of the sheet's canonical content: the same sheet imported twice is one version. */
    contentHash: text("content_hash").notNull(),
    importedAt: timestamp("imported_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
  },
  (t) => [
    unique("price_sheets_provider_from_uq").on(t.providerId, t.effectiveFrom),
    unique("price_sheets_content_hash_uq").on(t.contentHash),
    check("price_sheets_currency_ck", sql`${t.currency} ~ '^[A-Z]{3}$'`),
  ],
);

/** Prices per sheet and model, per 1M tokens in the sheet's currency. */
export const prices = pgTable(
  "prices",
  {
    priceSheetId: text("price_sheet_id")
      .notNull()
      .references(() => priceSheets.id, { onDelete: "cascade" }),
    modelId: text("model_id")
      .notNull()
      .references(() => models.id),
    inputPerMillion: numeric("input_per_million").notNull(),
    outputPerMillion: numeric("output_per_million").notNull(),
    cachedInputPerMillion: numeric("cached_input_per_million"),
    cacheWritePerMillion: numeric("cache_write_per_million"),
    batchDiscount: numeric("batch_discount"),
    /** 1-hour cache write; null: the 5-minute write rate applies. */
    cacheWrite1hPerMillion: numeric("cache_write_1h_per_million"),
    /** Reasoning output; null: the output rate applies. */
    reasoningOutputPerMillion: numeric("reasoning_output_per_million"),
    /** Fee per 1,000 requests; null: none. */
    requestFeePer1K: numeric("request_fee_per_1k"),
  },
  (t) => [
    primaryKey({ columns: [t.priceSheetId, t.modelId] }),
    index("prices_model_idx").on(t.modelId),
    check(
      "prices_non_negative_ck",
      sql`${t.inputPerMillion} >= 0 and ${t.outputPerMillion} >= 0 and coalesce(${t.cachedInputPerMillion}, 0) >= 0 and coalesce(${t.cacheWritePerMillion}, 0) >= 0`,
    ),
    check(
      "prices_v2_non_negative_ck",
      sql`coalesce(${t.cacheWrite1hPerMillion}, 0) >= 0 and coalesce(${t.reasoningOutputPerMillion}, 0) >= 0 and coalesce(${t.requestFeePer1K}, 0) >= 0`,
    ),
    check(
      "prices_batch_discount_ck",
      sql`${t.batchDiscount} is null or (${t.batchDiscount} >= 0 and ${t.batchDiscount} <= 1)`,
    ),
  ],
);

/** The optional rates of a step (band, service tier, time window, region); null = not named. */
const stepRateColumns = () => ({
  multiplier: numeric("multiplier"),
  inputPerMillion: numeric("input_per_million"),
  outputPerMillion: numeric("output_per_million"),
  cachedInputPerMillion: numeric("cached_input_per_million"),
  cacheWritePerMillion: numeric("cache_write_per_million"),
  cacheWrite1hPerMillion: numeric("cache_write_1h_per_million"),
  reasoningOutputPerMillion: numeric("reasoning_output_per_million"),
});

/**
 * Prompt-length ("cliff") bands: a request whose input is above the threshold (`>`, or `>=` when
 * `inclusive`; counting cache reads unless `counts_cached_tokens` is false) pays the band's rates on
 * all its tokens — explicit rates, or `multiplier` × the base rates. v1 rows (input and output rates,
 * `>` counting cache reads) keep their meaning through the column defaults.
 */
export const priceTiers = pgTable(
  "price_tiers",
  {
    priceSheetId: text("price_sheet_id").notNull(),
    modelId: text("model_id").notNull(),
    aboveInputTokens: integer("above_input_tokens").notNull(),
    inclusive: boolean("inclusive").notNull().default(false),
    countsCachedTokens: boolean("counts_cached_tokens").notNull().default(true),
    ...stepRateColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.priceSheetId, t.modelId, t.aboveInputTokens] }),
    foreignKey({
      columns: [t.priceSheetId, t.modelId],
      foreignColumns: [prices.priceSheetId, prices.modelId],
    }).onDelete("cascade"),
    check(
      "price_tiers_rates_or_multiplier_ck",
      sql`(${t.multiplier} is null) = (${t.inputPerMillion} is not null and ${t.outputPerMillion} is not null)`,
    ),
  ],
);

/**
 * The other steps of a price, in the entry's order: service tiers (`key` = batch | flex | priority |
 * fast), regional uplifts (`key` = region) and time windows (`key` = name, with days, times of day,
 * time zone and holiday calendar). Each gives a multiplier or explicit rates.
 */
export const priceSteps = pgTable(
  "price_steps",
  {
    priceSheetId: text("price_sheet_id").notNull(),
    modelId: text("model_id").notNull(),
    kind: text("kind").notNull(),
    position: integer("position").notNull(),
    key: text("key").notNull(),
    ...stepRateColumns(),
    days: text("days").array(),
    fromTime: text("from_time"),
    toTime: text("to_time"),
    timeZone: text("time_zone"),
    excludeHolidays: text("exclude_holidays"),
  },
  (t) => [
    primaryKey({ columns: [t.priceSheetId, t.modelId, t.kind, t.position] }),
    foreignKey({
      columns: [t.priceSheetId, t.modelId],
      foreignColumns: [prices.priceSheetId, prices.modelId],
    }).onDelete("cascade"),
    check("price_steps_kind_ck", sql`${t.kind} in ('service-tier', 'region', 'time-window')`),
  ],
);

/** Fees per 1,000 calls of a server-side tool. */
export const priceToolFees = pgTable(
  "price_tool_fees",
  {
    priceSheetId: text("price_sheet_id").notNull(),
    modelId: text("model_id").notNull(),
    tool: text("tool").notNull(),
    pricePer1K: numeric("price_per_1k").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.priceSheetId, t.modelId, t.tool] }),
    foreignKey({
      columns: [t.priceSheetId, t.modelId],
      foreignColumns: [prices.priceSheetId, prices.modelId],
    }).onDelete("cascade"),
    check("price_tool_fees_non_negative_ck", sql`${t.pricePer1K} >= 0`),
  ],
);

/** Models whose pricing a sheet ends at its date (until a later sheet lists them again). */
export const priceSheetWithdrawals = pgTable(
  "price_sheet_withdrawals",
  {
    priceSheetId: text("price_sheet_id")
      .notNull()
      .references(() => priceSheets.id, { onDelete: "cascade" }),
    modelId: text("model_id")
      .notNull()
      .references(() => models.id),
  },
  (t) => [primaryKey({ columns: [t.priceSheetId, t.modelId] })],
);

/*
 * Self-hosting catalogue. Key figures are columns (numeric, for queries and constraints); `entry` keeps
 * the complete sourced record from pricing-data/ (decimal strings, sources, dates) that the engine reads.
 */

export const accelerators = pgTable("accelerators", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  vendor: text("vendor").notNull(),
  consumer: boolean("consumer").notNull(),
  memoryGB: numeric("memory_gb").notNull(),
  memoryBandwidthGBps: numeric("memory_bandwidth_gbps").notNull(),
  tdpWatts: numeric("tdp_watts").notNull(),
  /** Default (first) reference purchase price per accelerator, USD; null when none is sourced. */
  defaultPurchasePrice: numeric("default_purchase_price"),
  /** Default (first) reference rent per accelerator-hour, USD; null when none is sourced. */
  defaultRentPerHour: numeric("default_rent_per_hour"),
  entry: jsonb("entry").notNull(),
});

export const servers = pgTable("servers", {
  id: text("id").primaryKey(),
  acceleratorId: text("accelerator_id")
    .notNull()
    .references(() => accelerators.id),
  acceleratorCount: integer("accelerator_count").notNull(),
  maxPowerWatts: numeric("max_power_watts").notNull(),
  entry: jsonb("entry").notNull(),
});

export const throughputBenchmarks = pgTable(
  "throughput_benchmarks",
  {
    id: text("id").primaryKey(),
    modelId: text("model_id").references(() => models.id),
    acceleratorId: text("accelerator_id")
      .notNull()
      .references(() => accelerators.id),
    acceleratorCount: integer("accelerator_count").notNull(),
    precision: text("precision").notNull(),
    tokensPerSecond: numeric("tokens_per_second").notNull(),
    counts: text("counts").notNull(),
    entry: jsonb("entry").notNull(),
  },
  (t) => [index("throughput_benchmarks_lookup_idx").on(t.modelId, t.acceleratorId, t.precision)],
);

/** Sourced TCO defaults (electricity, PUE, lifetime, …), one row per key. */
export const tcoDefaults = pgTable("tco_defaults", {
  key: text("key").primaryKey(),
  value: numeric("value").notNull(),
  unit: text("unit").notNull(),
  entry: jsonb("entry").notNull(),
});

/**
 * The catalogue's revision: one row, bumped in the same transaction as every statement that changes a
 * catalogue table (the tables above), by statement triggers the migration installs
 * (`track_catalog_table`, migrations/0003_catalog_revision.sql). Processes that keep a snapshot of the
 * catalogue compare it with theirs to know when to reload; a new catalogue table must be tracked too
 * (`select track_catalog_table('the_table')` in its migration).
 */
export const catalogRevision = pgTable(
  "catalog_revision",
  {
    /** Always true: the table holds exactly one row. */
    id: boolean("id").primaryKey().default(true),
    revision: bigint("revision", { mode: "number" }).notNull(),
  },
  (t) => [check("catalog_revision_one_row_ck", sql`${t.id}`)],
);

/**
 * Who owns saved scenarios. A tenant exists from the first API key issued for it; scenarios saved before
 * tenants existed belong to `default` (migration 0004).
 */
export const tenants = pgTable(
  "tenants",
  {
    /** A slug (`acme-finance`): lower-case letters, digits and single hyphens, at most 63 characters. */
    id: text("id").primaryKey(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
  },
  (t) => [check("tenants_id_slug_ck", sql`${t.id} ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(${t.id}) <= 63`)],
);

/**
 * A tenant's API keys. Only the SHA-256 digest of a key is stored (hex): the key itself is shown once,
 * when it is issued, and exists nowhere else. Revoking sets `revoked_at`; the row stays for the record.
 */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    name: text("name").notNull(),
    keyHash: text("key_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true, mode: "string" }),
  },
  (t) => [
    unique("api_keys_key_hash_uq").on(t.keyHash),
    index("api_keys_tenant_idx").on(t.tenantId, t.createdAt),
    check("api_keys_key_hash_ck", sql`${t.keyHash} ~ '^[0-9a-f]{64}$'`),
  ],
);

/** Saved comparisons: the request as sent (re-validated and re-priced at any date on read). */
export const scenarios = pgTable(
  "scenarios",
  {
    id: uuid("id").primaryKey(),
    /** The tenant whose key saved it; only that tenant's keys see it. */
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    name: text("name").notNull(),
    comparison: jsonb("comparison").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
  },
  // Lists page newest first within a tenant: (created_at, id) descending.
  (t) => [index("scenarios_tenant_created_idx").on(t.tenantId, t.createdAt, t.id)],
);
