-- The retired agents.status carried into the admin state before the column goes: paused stays paused,
-- offline becomes disabled, each with its history row. An agent someone already gave a non-active admin
-- state keeps it.
WITH "moved" AS (
	SELECT a."id", a."workspace_id", CASE a."status" WHEN 'paused' THEN 'paused' ELSE 'disabled' END AS "to_state"
	FROM "agents" a
	LEFT JOIN "agent_admin_states" s ON s."agent_id" = a."id"
	WHERE a."status" IN ('paused', 'offline') AND coalesce(s."admin_state", 'active') = 'active'
), "set_state" AS (
	INSERT INTO "agent_admin_states" ("agent_id", "workspace_id", "admin_state", "drain_deadline")
	SELECT "id", "workspace_id", "to_state", NULL FROM "moved"
	ON CONFLICT ("agent_id") DO UPDATE SET "admin_state" = excluded."admin_state", "drain_deadline" = NULL, "updated_at" = now()
	RETURNING "agent_id"
)
INSERT INTO "agent_state_changes" ("workspace_id", "agent_id", "from_state", "to_state", "reason", "actor_type")
SELECT "workspace_id", "id", 'active', "to_state", 'migrated from the retired status field', 'system' FROM "moved";--> statement-breakpoint
ALTER TABLE "agents" DROP COLUMN "status";
