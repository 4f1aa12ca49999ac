CREATE TABLE "accelerators" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"vendor" text NOT NULL,
	"consumer" boolean NOT NULL,
	"memory_gb" numeric NOT NULL,
	"memory_bandwidth_gbps" numeric NOT NULL,
	"tdp_watts" numeric NOT NULL,
	"default_purchase_price" numeric,
	"default_rent_per_hour" numeric,
	"entry" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "servers" (
	"id" text PRIMARY KEY NOT NULL,
	"accelerator_id" text NOT NULL,
	"accelerator_count" integer NOT NULL,
	"max_power_watts" numeric NOT NULL,
	"entry" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tco_defaults" (
	"key" text PRIMARY KEY NOT NULL,
	"value" numeric NOT NULL,
	"unit" text NOT NULL,
	"entry" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "throughput_benchmarks" (
	"id" text PRIMARY KEY NOT NULL,
	"model_id" text,
	"accelerator_id" text NOT NULL,
	"accelerator_count" integer NOT NULL,
	"precision" text NOT NULL,
	"tokens_per_second" numeric NOT NULL,
	"counts" text NOT NULL,
	"entry" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "servers" ADD CONSTRAINT "servers_accelerator_id_accelerators_id_fk" FOREIGN KEY ("accelerator_id") REFERENCES "public"."accelerators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "throughput_benchmarks" ADD CONSTRAINT "throughput_benchmarks_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "throughput_benchmarks" ADD CONSTRAINT "throughput_benchmarks_accelerator_id_accelerators_id_fk" FOREIGN KEY ("accelerator_id") REFERENCES "public"."accelerators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "throughput_benchmarks_lookup_idx" ON "throughput_benchmarks" USING btree ("model_id","accelerator_id","precision");