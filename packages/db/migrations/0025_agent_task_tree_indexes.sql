DROP INDEX "agent_tasks_root_task_idx";--> statement-breakpoint
CREATE INDEX "agent_tasks_parent_idx" ON "agent_tasks" USING btree ("parent_task_id") WHERE "agent_tasks"."parent_task_id" is not null;--> statement-breakpoint
CREATE INDEX "agent_tasks_root_task_idx" ON "agent_tasks" USING btree ("root_task_id","started_at","id") WHERE "agent_tasks"."root_task_id" is not null;