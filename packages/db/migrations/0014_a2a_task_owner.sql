DROP INDEX "a2a_tasks_open_idx";--> statement-breakpoint
ALTER TABLE "a2a_tasks" ADD COLUMN "owner" text;--> statement-breakpoint
CREATE INDEX "a2a_tasks_open_owner_idx" ON "a2a_tasks" USING btree ("owner") WHERE "a2a_tasks"."state" in ('TASK_STATE_SUBMITTED', 'TASK_STATE_WORKING');