DROP INDEX "llm_calls_workspace_agent_created_idx";--> statement-breakpoint
CREATE INDEX "conversations_workspace_agent_activity_idx" ON "conversations" USING btree ("workspace_id","agent_id",coalesce("last_message_at", "created_at"),"id");--> statement-breakpoint
CREATE INDEX "llm_calls_workspace_conversation_created_idx" ON "llm_calls" USING btree ("workspace_id","conversation_id","created_at","id");--> statement-breakpoint
CREATE INDEX "llm_calls_workspace_task_created_idx" ON "llm_calls" USING btree ("workspace_id","task_id","created_at","id");--> statement-breakpoint
CREATE INDEX "llm_calls_workspace_agent_created_idx" ON "llm_calls" USING btree ("workspace_id","agent_id","created_at","id");