ALTER TABLE "fleet_tasks" ADD COLUMN "pipeline_run_id" uuid;--> statement-breakpoint
ALTER TABLE "fleet_tasks" ADD COLUMN "pipeline_step_run_id" uuid;--> statement-breakpoint
ALTER TABLE "fleet_tasks" ADD COLUMN "pipeline_step_key" text;--> statement-breakpoint
ALTER TABLE "fleet_tasks" ADD CONSTRAINT "fleet_tasks_pipeline_run_id_pipeline_runs_id_fk" FOREIGN KEY ("pipeline_run_id") REFERENCES "public"."pipeline_runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fleet_tasks" ADD CONSTRAINT "fleet_tasks_pipeline_step_run_id_pipeline_step_runs_id_fk" FOREIGN KEY ("pipeline_step_run_id") REFERENCES "public"."pipeline_step_runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "fleet_tasks_pipeline_step_idx" ON "fleet_tasks" USING btree ("pipeline_step_run_id") WHERE "fleet_tasks"."pipeline_step_run_id" is not null;