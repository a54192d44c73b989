DROP INDEX "a2a_tasks_context_idx";--> statement-breakpoint
DROP INDEX "a2a_tasks_agent_status_idx";--> statement-breakpoint
CREATE INDEX "a2a_tasks_agent_context_idx" ON "a2a_tasks" USING btree ("workspace_id","agent_id","context_id","status_at","id");--> statement-breakpoint
CREATE INDEX "a2a_tasks_agent_state_idx" ON "a2a_tasks" USING btree ("workspace_id","agent_id","state","status_at","id");--> statement-breakpoint
CREATE INDEX "a2a_tasks_agent_status_idx" ON "a2a_tasks" USING btree ("workspace_id","agent_id","status_at","id");