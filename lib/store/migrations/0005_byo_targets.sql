ALTER TABLE "decision_log" ADD COLUMN "upstream_error" text;--> statement-breakpoint
ALTER TABLE "targets" ADD COLUMN "answered_by" text DEFAULT 'demo' NOT NULL;--> statement-breakpoint
ALTER TABLE "targets" ADD COLUMN "mcp_server" jsonb;--> statement-breakpoint
ALTER TABLE "targets" ADD COLUMN "openapi_spec" text;--> statement-breakpoint
ALTER TABLE "targets" ADD COLUMN "response_templates" text DEFAULT '{}' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "targets_gateway_name" ON "targets" USING btree ("gateway_id","name");