ALTER TABLE "test_cases" ALTER COLUMN "request" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "test_cases" ALTER COLUMN "expected" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "decision_log" ADD COLUMN "session_id" text;--> statement-breakpoint
ALTER TABLE "decision_log" ADD COLUMN "session_call" integer;--> statement-breakpoint
ALTER TABLE "decision_log" ADD COLUMN "temporal" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "decision_log" ADD COLUMN "errors" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "test_cases" ADD COLUMN "session" jsonb;--> statement-breakpoint
CREATE INDEX "decision_log_session" ON "decision_log" USING btree ("gateway_id","session_id");