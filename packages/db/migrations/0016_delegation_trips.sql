CREATE TABLE "delegation_trips" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"code" text NOT NULL,
	"message" text NOT NULL,
	"root_task_id" uuid NOT NULL,
	"task_id" uuid NOT NULL,
	"from_agent_id" uuid NOT NULL,
	"to_agent_id" uuid,
	"fleet_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "delegation_trips" ADD CONSTRAINT "delegation_trips_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delegation_trips" ADD CONSTRAINT "delegation_trips_from_agent_id_agents_id_fk" FOREIGN KEY ("from_agent_id") REFERENCES "public"."agents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "delegation_trips_fleet_idx" ON "delegation_trips" USING btree ("workspace_id","fleet_id","created_at");--> statement-breakpoint
CREATE INDEX "delegation_trips_agent_idx" ON "delegation_trips" USING btree ("workspace_id","from_agent_id","created_at");