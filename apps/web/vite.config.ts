/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { defaultClientConditions, defineConfig } from 'vite';
import { pipelineDefinitionSchema } from './build/pipeline-schema';
import { precompress } from './build/precompress';

/** The API server the dev server forwards to; the built app is served by that server itself. */
const apiTarget = 'http://127.0.0.1:3000';
const proxy = { '/api': apiTarget, '/healthz': apiTarget, '/readyz': apiTarget };

export default defineConfig({
  plugins: [react(), tailwindcss(), pipelineDefinitionSchema(), precompress()],
  resolve: {
    // `source` makes @agent-fleet/contracts resolve to its TypeScript, so no contracts build is needed.
    conditions: ['@agent-fleet/source', ...defaultClientConditions],
  },
  server: { proxy },
  preview: { proxy },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Maps are written for debugging a build, but not linked from the bundles nor served.
    sourcemap: 'hidden',
    // dist/.vite/manifest.json: the chunk graph the bundle budget test reads (not served).
    manifest: true,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: separate chunks stay cached across deploys.
        // No catch-all vendor group: it would put the charts and the editor on the login page.
        // The charts and the editor load only with the pages that use them (see routes.tsx).
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ },
            // Its own chunk, loaded only by the pages that check a form with a contract schema: never
            // merged with the contract's plain values that the shell imports.
            { name: 'zod', test: /node_modules[\\/]zod[\\/]/ },
          ],
        },
      },
    },
  },
  test: {
    name: 'web',
    environment: 'jsdom',
    include: ['src/**/*.test.tsx'],
    setupFiles: ['./src/test/setup.ts'],
    css: false,
    // Component tests wait on chained fake requests; the whole suite shares 2 cores in CI.
    testTimeout: 15_000,
  },
});
