CREATE TABLE "imported_calls" (
	"id" serial PRIMARY KEY NOT NULL,
	"gateway_id" text NOT NULL,
	"source" text NOT NULL,
	"trace_id" text NOT NULL,
	"span_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"tool" text,
	"principal" jsonb,
	"arguments" jsonb,
	"decision" text NOT NULL,
	"determining_policies" jsonb NOT NULL,
	"log_only_matched" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"flips" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"mode" text NOT NULL,
	"missing" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "imported_calls_span" ON "imported_calls" USING btree ("gateway_id","source","trace_id","span_id");--> statement-breakpoint
CREATE INDEX "imported_calls_gateway" ON "imported_calls" USING btree ("gateway_id","at");