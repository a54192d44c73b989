-- Until authentication adds more, every resource lives in this workspace. Its id is fixed so that
-- embedded installs, tests and docs can name it.
INSERT INTO "workspaces" ("id", "name", "slug")
VALUES ('00000000-0000-4000-8000-000000000001', 'Default workspace', 'default')
ON CONFLICT ("id") DO NOTHING;
