CREATE TABLE "audit_log" (
	"id" serial PRIMARY KEY NOT NULL,
	"gateway_id" text,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"summary" text NOT NULL,
	"result" text NOT NULL,
	"details" jsonb,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "decision_log" (
	"id" serial PRIMARY KEY NOT NULL,
	"gateway_id" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"client_id" text,
	"persona" text,
	"principal" jsonb NOT NULL,
	"tool" text NOT NULL,
	"arguments" jsonb NOT NULL,
	"decision" text NOT NULL,
	"determining_policies" jsonb NOT NULL,
	"log_only_matched" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"flips" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"mode" text NOT NULL,
	"blocked" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "drafts" (
	"gateway_id" text PRIMARY KEY NOT NULL,
	"text" text NOT NULL,
	"base_version" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "gateway_clients" (
	"client_id" text PRIMARY KEY NOT NULL,
	"gateway_id" text NOT NULL,
	"client_secret" text NOT NULL,
	"persona" text NOT NULL,
	"sub" text NOT NULL,
	"claims" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "gateways" (
	"gateway_id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"gateway_arn" text NOT NULL,
	"status" text NOT NULL,
	"role_arn" text NOT NULL,
	"authorizer" jsonb NOT NULL,
	"policy_engine_arn" text,
	"policy_engine_mode" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "gateways_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "personas" (
	"gateway_id" text NOT NULL,
	"name" text NOT NULL,
	"principal_type" text DEFAULT 'OAuthUser' NOT NULL,
	"sub" text NOT NULL,
	"claims" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "personas_gateway_id_name_pk" PRIMARY KEY("gateway_id","name")
);
--> statement-breakpoint
CREATE TABLE "policies" (
	"policy_id" text PRIMARY KEY NOT NULL,
	"policy_engine_id" text NOT NULL,
	"policy_arn" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"statement" text NOT NULL,
	"status" text NOT NULL,
	"status_reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"enforcement_mode" text DEFAULT 'ACTIVE' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "policy_engines" (
	"policy_engine_id" text PRIMARY KEY NOT NULL,
	"policy_engine_arn" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"status" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "policy_engines_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "publish_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"gateway_id" text NOT NULL,
	"version" integer NOT NULL,
	"author" text NOT NULL,
	"message" text NOT NULL,
	"policies" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "targets" (
	"target_id" text PRIMARY KEY NOT NULL,
	"gateway_id" text NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"description" text,
	"status" text NOT NULL,
	"tools" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "test_cases" (
	"id" serial PRIMARY KEY NOT NULL,
	"gateway_id" text NOT NULL,
	"suite" text DEFAULT 'default' NOT NULL,
	"name" text NOT NULL,
	"principal" jsonb NOT NULL,
	"request" jsonb NOT NULL,
	"expected" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "policies" ADD CONSTRAINT "policies_policy_engine_id_policy_engines_policy_engine_id_fk" FOREIGN KEY ("policy_engine_id") REFERENCES "public"."policy_engines"("policy_engine_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_gateway_id_gateways_gateway_id_fk" FOREIGN KEY ("gateway_id") REFERENCES "public"."gateways"("gateway_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_gateway" ON "audit_log" USING btree ("gateway_id","at");--> statement-breakpoint
CREATE INDEX "decision_log_gateway" ON "decision_log" USING btree ("gateway_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "policies_engine_name" ON "policies" USING btree ("policy_engine_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "publish_versions_gateway_version" ON "publish_versions" USING btree ("gateway_id","version");--> statement-breakpoint
CREATE INDEX "test_cases_gateway" ON "test_cases" USING btree ("gateway_id","suite");