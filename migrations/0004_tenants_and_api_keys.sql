CREATE TABLE "api_keys" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"name" text NOT NULL,
	"key_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_keys_key_hash_uq" UNIQUE("key_hash"),
	CONSTRAINT "api_keys_key_hash_ck" CHECK ("api_keys"."key_hash" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "tenants" (
	"id" text PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tenants_id_slug_ck" CHECK ("tenants"."id" ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length("tenants"."id") <= 63)
);
--> statement-breakpoint
-- Custom (not generated): scenarios saved before tenants existed move to the tenant `default`; the
-- column's default exists only while the rows are filled in, so new rows always name their tenant.
INSERT INTO "tenants" ("id") VALUES ('default') ON CONFLICT DO NOTHING;--> statement-breakpoint
ALTER TABLE "scenarios" ADD COLUMN "tenant_id" text NOT NULL DEFAULT 'default';--> statement-breakpoint
ALTER TABLE "scenarios" ALTER COLUMN "tenant_id" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_keys_tenant_idx" ON "api_keys" USING btree ("tenant_id","created_at");--> statement-breakpoint
ALTER TABLE "scenarios" ADD CONSTRAINT "scenarios_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "scenarios_tenant_created_idx" ON "scenarios" USING btree ("tenant_id","created_at","id");