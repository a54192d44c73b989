ALTER TABLE "agents" ADD COLUMN "kind" text DEFAULT 'model' NOT NULL;--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "remote" jsonb;--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "remote_secret_ciphertext" text;--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "remote_health" jsonb;