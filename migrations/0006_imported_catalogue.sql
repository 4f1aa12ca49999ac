CREATE TABLE "model_match_rules" (
	"provider_id" text NOT NULL,
	"position" integer NOT NULL,
	"model_id" text NOT NULL,
	"match" jsonb NOT NULL,
	CONSTRAINT "model_match_rules_provider_id_position_pk" PRIMARY KEY("provider_id","position")
);
--> statement-breakpoint
CREATE TABLE "seed_state" (
	"key" text PRIMARY KEY NOT NULL,
	"content_hash" text NOT NULL,
	"seeded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "models" ALTER COLUMN "creator" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "models" ALTER COLUMN "family" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "models" ALTER COLUMN "open_weights" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "models" ALTER COLUMN "context_window" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "models" ADD COLUMN "origin" text DEFAULT 'curated' NOT NULL;--> statement-breakpoint
ALTER TABLE "models" ADD COLUMN "base_model" text;--> statement-breakpoint
ALTER TABLE "models" ADD COLUMN "deprecated" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "model_match_rules" ADD CONSTRAINT "model_match_rules_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_match_rules" ADD CONSTRAINT "model_match_rules_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "models" ADD CONSTRAINT "models_base_model_models_id_fk" FOREIGN KEY ("base_model") REFERENCES "public"."models"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Hand-written: imported match rules are catalogue data (model look-ups read them), and seed_state is the
-- fingerprint of the seeded catalogue (it changes only when a seed wrote); their writes bump the
-- catalogue revision like the other catalogue tables' (see 0003_catalog_revision.sql).
SELECT "track_catalog_table"(t) FROM unnest(ARRAY['model_match_rules', 'seed_state']::regclass[]) AS t;
