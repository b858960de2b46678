CREATE TABLE "publish_journal" (
	"id" serial PRIMARY KEY NOT NULL,
	"gateway_id" text NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"message" text NOT NULL,
	"intent" jsonb NOT NULL,
	"steps" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"state" text NOT NULL,
	"owner" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "publish_journal_gateway" ON "publish_journal" USING btree ("gateway_id","state");