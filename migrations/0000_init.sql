CREATE TABLE "model_aliases" (
	"id" serial PRIMARY KEY NOT NULL,
	"provider_id" text NOT NULL,
	"alias" text NOT NULL,
	"model_id" text NOT NULL,
	"effective_from" date NOT NULL,
	"source" text NOT NULL,
	"checked_on" date NOT NULL,
	"checked" boolean NOT NULL,
	"note" text,
	CONSTRAINT "model_aliases_provider_alias_from_uq" UNIQUE("provider_id","alias","effective_from")
);
--> statement-breakpoint
CREATE TABLE "models" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"creator" text NOT NULL,
	"family" text NOT NULL,
	"open_weights" boolean NOT NULL,
	"license" text,
	"release_date" date,
	"context_window" integer NOT NULL,
	"mmlu" numeric,
	"architecture" jsonb,
	"source" text NOT NULL,
	"checked_on" date NOT NULL,
	"checked" boolean NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "price_sheets" (
	"id" text PRIMARY KEY NOT NULL,
	"provider_id" text NOT NULL,
	"effective_from" date NOT NULL,
	"currency" text NOT NULL,
	"source" text NOT NULL,
	"checked_on" date NOT NULL,
	"checked" boolean NOT NULL,
	"note" text,
	"content_hash" text NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "price_sheets_provider_from_uq" UNIQUE("provider_id","effective_from"),
	CONSTRAINT "price_sheets_content_hash_uq" UNIQUE("content_hash"),
	CONSTRAINT "price_sheets_currency_ck" CHECK ("price_sheets"."currency" ~ '^[A-Z]{3}$')
);
--> statement-breakpoint
CREATE TABLE "price_tiers" (
	"price_sheet_id" text NOT NULL,
	"model_id" text NOT NULL,
	"above_input_tokens" integer NOT NULL,
	"input_per_million" numeric NOT NULL,
	"output_per_million" numeric NOT NULL,
	"cached_input_per_million" numeric,
	"cache_write_per_million" numeric,
	CONSTRAINT "price_tiers_price_sheet_id_model_id_above_input_tokens_pk" PRIMARY KEY("price_sheet_id","model_id","above_input_tokens")
);
--> statement-breakpoint
CREATE TABLE "prices" (
	"price_sheet_id" text NOT NULL,
	"model_id" text NOT NULL,
	"input_per_million" numeric NOT NULL,
	"output_per_million" numeric NOT NULL,
	"cached_input_per_million" numeric,
	"cache_write_per_million" numeric,
	"batch_discount" numeric,
	CONSTRAINT "prices_price_sheet_id_model_id_pk" PRIMARY KEY("price_sheet_id","model_id"),
	CONSTRAINT "prices_non_negative_ck" CHECK ("prices"."input_per_million" >= 0 and "prices"."output_per_million" >= 0 and coalesce("prices"."cached_input_per_million", 0) >= 0 and coalesce("prices"."cache_write_per_million", 0) >= 0),
	CONSTRAINT "prices_batch_discount_ck" CHECK ("prices"."batch_discount" is null or ("prices"."batch_discount" >= 0 and "prices"."batch_discount" <= 1))
);
--> statement-breakpoint
CREATE TABLE "providers" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"url" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "model_aliases" ADD CONSTRAINT "model_aliases_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_aliases" ADD CONSTRAINT "model_aliases_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_sheets" ADD CONSTRAINT "price_sheets_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_tiers" ADD CONSTRAINT "price_tiers_price_sheet_id_model_id_prices_price_sheet_id_model_id_fk" FOREIGN KEY ("price_sheet_id","model_id") REFERENCES "public"."prices"("price_sheet_id","model_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prices" ADD CONSTRAINT "prices_price_sheet_id_price_sheets_id_fk" FOREIGN KEY ("price_sheet_id") REFERENCES "public"."price_sheets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prices" ADD CONSTRAINT "prices_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "models_open_weights_idx" ON "models" USING btree ("open_weights");--> statement-breakpoint
CREATE INDEX "prices_model_idx" ON "prices" USING btree ("model_id");