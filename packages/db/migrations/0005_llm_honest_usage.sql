ALTER TABLE "agent_tasks" ADD COLUMN "system_prompt" jsonb;--> statement-breakpoint
ALTER TABLE "llm_calls" ADD COLUMN "estimated" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "llm_calls" ADD COLUMN "unpriced" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "llm_calls_in_flight_idx" ON "llm_calls" USING btree ("created_at") WHERE "llm_calls"."outcome" = 'in_flight';