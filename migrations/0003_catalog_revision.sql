CREATE TABLE "catalog_revision" (
	"id" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"revision" bigint NOT NULL,
	CONSTRAINT "catalog_revision_one_row_ck" CHECK ("catalog_revision"."id")
);
--> statement-breakpoint
-- Hand-written below (drizzle-kit does not model triggers): every statement that changes a catalogue
-- table bumps the one revision row in its own transaction, so a reader sees a new revision exactly when
-- it can see the change. Statement-level triggers with transition tables: an upsert that changes no
-- row (a re-seed) leaves the revision alone, and a 10,000-row import bumps it once, not 10,000 times.
INSERT INTO "catalog_revision" ("id", "revision") VALUES (true, 1);
--> statement-breakpoint
CREATE FUNCTION "bump_catalog_revision"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'TRUNCATE' AND NOT EXISTS (SELECT 1 FROM changed_rows) THEN
    RETURN NULL;
  END IF;
  UPDATE "catalog_revision" SET "revision" = "revision" + 1;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION "track_catalog_table"(catalog_table regclass) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  name text := (SELECT relname FROM pg_class WHERE oid = catalog_table);
BEGIN
  EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %s REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION "bump_catalog_revision"()', name || '_revision_insert', catalog_table);
  EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %s REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION "bump_catalog_revision"()', name || '_revision_update', catalog_table);
  EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %s REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION "bump_catalog_revision"()', name || '_revision_delete', catalog_table);
  EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %s FOR EACH STATEMENT EXECUTE FUNCTION "bump_catalog_revision"()', name || '_revision_truncate', catalog_table);
END $$;
--> statement-breakpoint
SELECT "track_catalog_table"(t) FROM unnest(ARRAY[
  'providers', 'models', 'model_aliases', 'price_sheets', 'prices', 'price_tiers',
  'accelerators', 'servers', 'throughput_benchmarks', 'tco_defaults'
]::regclass[]) AS t;
