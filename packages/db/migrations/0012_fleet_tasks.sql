CREATE TABLE "fleet_routing_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"fleet_id" uuid NOT NULL,
	"task_id" uuid NOT NULL,
	"attempt" integer NOT NULL,
	"strategy" text NOT NULL,
	"candidates" jsonb NOT NULL,
	"chosen" uuid[] NOT NULL,
	"aggregator" uuid,
	"reason" text NOT NULL,
	"decision_ms" double precision NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fleet_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"fleet_id" uuid NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"input" jsonb NOT NULL,
	"skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"priority" integer DEFAULT 0 NOT NULL,
	"idempotency_key" text,
	"agent_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"aggregator_id" uuid,
	"agent_task_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"failed_agent_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"attempt" integer DEFAULT 0 NOT NULL,
	"waiting_reason" text,
	"output" text,
	"error" jsonb,
	"input_tokens" bigint DEFAULT 0 NOT NULL,
	"output_tokens" bigint DEFAULT 0 NOT NULL,
	"cached_input_tokens" bigint DEFAULT 0 NOT NULL,
	"cache_write_tokens" bigint DEFAULT 0 NOT NULL,
	"reasoning_tokens" bigint DEFAULT 0 NOT NULL,
	"cost_usd" numeric(20, 10) DEFAULT 0 NOT NULL,
	"llm_calls" integer DEFAULT 0 NOT NULL,
	"lease_owner" text,
	"lease_expires_at" timestamp (3) with time zone,
	"lease_losses" integer DEFAULT 0 NOT NULL,
	"started_at" timestamp (3) with time zone,
	"finished_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "fleets" ADD COLUMN "strategy_state" jsonb DEFAULT '{"cursor":null,"currentWeights":{}}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "fleet_routing_records" ADD CONSTRAINT "fleet_routing_records_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fleet_routing_records" ADD CONSTRAINT "fleet_routing_records_fleet_id_fleets_id_fk" FOREIGN KEY ("fleet_id") REFERENCES "public"."fleets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fleet_routing_records" ADD CONSTRAINT "fleet_routing_records_task_id_fleet_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."fleet_tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fleet_tasks" ADD CONSTRAINT "fleet_tasks_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fleet_tasks" ADD CONSTRAINT "fleet_tasks_fleet_id_fleets_id_fk" FOREIGN KEY ("fleet_id") REFERENCES "public"."fleets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "fleet_routing_records_fleet_created_idx" ON "fleet_routing_records" USING btree ("workspace_id","fleet_id","created_at","id");--> statement-breakpoint
CREATE INDEX "fleet_routing_records_task_idx" ON "fleet_routing_records" USING btree ("workspace_id","task_id","created_at","id");--> statement-breakpoint
CREATE INDEX "fleet_tasks_fleet_created_idx" ON "fleet_tasks" USING btree ("workspace_id","fleet_id","created_at","id");--> statement-breakpoint
CREATE INDEX "fleet_tasks_fleet_status_created_idx" ON "fleet_tasks" USING btree ("workspace_id","fleet_id","status","created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "fleet_tasks_idempotency_key" ON "fleet_tasks" USING btree ("workspace_id","fleet_id","idempotency_key") WHERE "fleet_tasks"."idempotency_key" is not null;--> statement-breakpoint
CREATE INDEX "fleet_tasks_queued_idx" ON "fleet_tasks" USING btree ("fleet_id","priority" DESC NULLS LAST,"created_at","id") WHERE "fleet_tasks"."status" = 'queued';--> statement-breakpoint
CREATE INDEX "fleet_tasks_running_idx" ON "fleet_tasks" USING btree ("fleet_id") WHERE "fleet_tasks"."status" = 'running';--> statement-breakpoint
CREATE INDEX "fleet_tasks_lease_idx" ON "fleet_tasks" USING btree ("lease_expires_at") WHERE "fleet_tasks"."status" = 'running';