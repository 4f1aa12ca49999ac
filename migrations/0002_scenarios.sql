CREATE TABLE "scenarios" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"comparison" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
