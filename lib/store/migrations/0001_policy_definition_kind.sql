ALTER TABLE "policies" ADD COLUMN "definition_kind" text DEFAULT 'cedar' NOT NULL;--> statement-breakpoint
ALTER TABLE "policies" ADD COLUMN "policy_generation_id" text;--> statement-breakpoint
ALTER TABLE "policies" ADD COLUMN "policy_generation_asset_id" text;