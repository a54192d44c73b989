ALTER TABLE "a2a_tasks" ALTER COLUMN "agent_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "a2a_tasks" ADD COLUMN "fleet_id" uuid;--> statement-breakpoint
ALTER TABLE "a2a_tasks" ADD CONSTRAINT "a2a_tasks_fleet_id_fleets_id_fk" FOREIGN KEY ("fleet_id") REFERENCES "public"."fleets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "a2a_tasks_fleet_status_idx" ON "a2a_tasks" USING btree ("workspace_id","fleet_id","status_at","id");--> statement-breakpoint
ALTER TABLE "a2a_tasks" ADD CONSTRAINT "a2a_tasks_one_target" CHECK (num_nonnulls("a2a_tasks"."agent_id", "a2a_tasks"."fleet_id") = 1);