import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/schema.ts', './src/fleet-schema.ts', './src/agent-lifecycle-schema.ts'],
  out: './migrations',
});
