CREATE TABLE "price_sheet_withdrawals" (
	"price_sheet_id" text NOT NULL,
	"model_id" text NOT NULL,
	CONSTRAINT "price_sheet_withdrawals_price_sheet_id_model_id_pk" PRIMARY KEY("price_sheet_id","model_id")
);
--> statement-breakpoint
CREATE TABLE "price_steps" (
	"price_sheet_id" text NOT NULL,
	"model_id" text NOT NULL,
	"kind" text NOT NULL,
	"position" integer NOT NULL,
	"key" text NOT NULL,
	"multiplier" numeric,
	"input_per_million" numeric,
	"output_per_million" numeric,
	"cached_input_per_million" numeric,
	"cache_write_per_million" numeric,
	"cache_write_1h_per_million" numeric,
	"reasoning_output_per_million" numeric,
	"days" text[],
	"from_time" text,
	"to_time" text,
	"time_zone" text,
	"exclude_holidays" text,
	CONSTRAINT "price_steps_price_sheet_id_model_id_kind_position_pk" PRIMARY KEY("price_sheet_id","model_id","kind","position"),
	CONSTRAINT "price_steps_kind_ck" CHECK ("price_steps"."kind" in ('service-tier', 'region', 'time-window'))
);
--> statement-breakpoint
CREATE TABLE "price_tool_fees" (
	"price_sheet_id" text NOT NULL,
	"model_id" text NOT NULL,
	"tool" text NOT NULL,
	"price_per_1k" numeric NOT NULL,
	CONSTRAINT "price_tool_fees_price_sheet_id_model_id_tool_pk" PRIMARY KEY("price_sheet_id","model_id","tool"),
	CONSTRAINT "price_tool_fees_non_negative_ck" CHECK ("price_tool_fees"."price_per_1k" >= 0)
);
--> statement-breakpoint
ALTER TABLE "price_tiers" ALTER COLUMN "input_per_million" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "price_tiers" ALTER COLUMN "output_per_million" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "price_tiers" ADD COLUMN "inclusive" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "price_tiers" ADD COLUMN "counts_cached_tokens" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "price_tiers" ADD COLUMN "multiplier" numeric;--> statement-breakpoint
ALTER TABLE "price_tiers" ADD COLUMN "cache_write_1h_per_million" numeric;--> statement-breakpoint
ALTER TABLE "price_tiers" ADD COLUMN "reasoning_output_per_million" numeric;--> statement-breakpoint
ALTER TABLE "prices" ADD COLUMN "cache_write_1h_per_million" numeric;--> statement-breakpoint
ALTER TABLE "prices" ADD COLUMN "reasoning_output_per_million" numeric;--> statement-breakpoint
ALTER TABLE "prices" ADD COLUMN "request_fee_per_1k" numeric;--> statement-breakpoint
ALTER TABLE "price_sheet_withdrawals" ADD CONSTRAINT "price_sheet_withdrawals_price_sheet_id_price_sheets_id_fk" FOREIGN KEY ("price_sheet_id") REFERENCES "public"."price_sheets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_sheet_withdrawals" ADD CONSTRAINT "price_sheet_withdrawals_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_steps" ADD CONSTRAINT "price_steps_price_sheet_id_model_id_prices_price_sheet_id_model_id_fk" FOREIGN KEY ("price_sheet_id","model_id") REFERENCES "public"."prices"("price_sheet_id","model_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_tool_fees" ADD CONSTRAINT "price_tool_fees_price_sheet_id_model_id_prices_price_sheet_id_model_id_fk" FOREIGN KEY ("price_sheet_id","model_id") REFERENCES "public"."prices"("price_sheet_id","model_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_tiers" ADD CONSTRAINT "price_tiers_rates_or_multiplier_ck" CHECK (("price_tiers"."multiplier" is null) = ("price_tiers"."input_per_million" is not null and "price_tiers"."output_per_million" is not null));--> statement-breakpoint
ALTER TABLE "prices" ADD CONSTRAINT "prices_v2_non_negative_ck" CHECK (coalesce("prices"."cache_write_1h_per_million", 0) >= 0 and coalesce("prices"."reasoning_output_per_million", 0) >= 0 and coalesce("prices"."request_fee_per_1k", 0) >= 0);--> statement-breakpoint
-- Hand-written: the new price tables are catalogue tables; their writes bump the catalogue revision
-- like the others' (see 0003_catalog_revision.sql).
SELECT "track_catalog_table"(t) FROM unnest(ARRAY[
  'price_sheet_withdrawals', 'price_steps', 'price_tool_fees'
]::regclass[]) AS t;
