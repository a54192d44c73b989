CREATE TABLE "a2a_contexts" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "a2a_tasks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	"context_id" text NOT NULL,
	"state" text NOT NULL,
	"status_at" timestamp (3) with time zone NOT NULL,
	"task" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "a2a_contexts" ADD CONSTRAINT "a2a_contexts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "a2a_contexts" ADD CONSTRAINT "a2a_contexts_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "a2a_contexts" ADD CONSTRAINT "a2a_contexts_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "a2a_tasks" ADD CONSTRAINT "a2a_tasks_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "a2a_tasks" ADD CONSTRAINT "a2a_tasks_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "a2a_contexts_agent_idx" ON "a2a_contexts" USING btree ("agent_id");--> statement-breakpoint
CREATE INDEX "a2a_contexts_conversation_idx" ON "a2a_contexts" USING btree ("conversation_id");--> statement-breakpoint
CREATE INDEX "a2a_tasks_agent_status_idx" ON "a2a_tasks" USING btree ("workspace_id","agent_id","status_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "a2a_tasks_context_idx" ON "a2a_tasks" USING btree ("context_id");--> statement-breakpoint
CREATE INDEX "a2a_tasks_open_idx" ON "a2a_tasks" USING btree ("updated_at") WHERE "a2a_tasks"."state" in ('TASK_STATE_SUBMITTED', 'TASK_STATE_WORKING');