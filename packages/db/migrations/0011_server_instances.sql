CREATE TABLE "server_instances" (
	"id" text PRIMARY KEY NOT NULL,
	"host" text NOT NULL,
	"pid" integer NOT NULL,
	"heartbeat_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
DROP INDEX "agent_tasks_running_idx";--> statement-breakpoint
DROP INDEX "llm_calls_in_flight_idx";--> statement-breakpoint
ALTER TABLE "agent_tasks" ADD COLUMN "owner" text;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "turn_id" uuid;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "turn_owner" text;--> statement-breakpoint
ALTER TABLE "llm_calls" ADD COLUMN "owner" text;--> statement-breakpoint
CREATE INDEX "conversations_turn_owner_idx" ON "conversations" USING btree ("turn_owner") WHERE "conversations"."turn_owner" is not null;--> statement-breakpoint
CREATE INDEX "agent_tasks_running_idx" ON "agent_tasks" USING btree ("owner") WHERE "agent_tasks"."status" = 'running';--> statement-breakpoint
CREATE INDEX "llm_calls_in_flight_idx" ON "llm_calls" USING btree ("owner") WHERE "llm_calls"."outcome" = 'in_flight';