# syntax=docker/dockerfile:1

# Agent Fleet container image.
#   docker build -t agent-fleet .
#   docker run --init -p 127.0.0.1:3000:3000 -v agent-fleet-data:/data agent-fleet
# See docs/deployment.md. The project supports Node 20, 22 and 24; override with
#   --build-arg NODE_IMAGE=node:24-bookworm-slim
ARG NODE_IMAGE=node:22-bookworm-slim

FROM ${NODE_IMAGE} AS base
WORKDIR /app

# --- manifests: only what `npm ci` needs, so dependency layers survive source edits -------------
# Collects the root manifests and every workspace package.json (packages/*, apps/*) without
# naming the workspaces here, so adding one does not require editing this file. BuildKit caches
# the `COPY --from=manifests` below by content: a source-only change does not re-run `npm ci`.
FROM base AS manifests
COPY . /src
RUN set -eu; \
    mkdir -p /manifests; \
    cd /src; \
    cp package.json package-lock.json /manifests/; \
    if [ -f .npmrc ]; then cp .npmrc /manifests/; fi; \
    for manifest in packages/*/package.json apps/*/package.json; do \
      if [ -f "$manifest" ]; then cp --parents "$manifest" /manifests/; fi; \
    done

# --- deps: all dependencies (dev included) for the build ----------------------------------------
# --ignore-scripts: no dependency needs an install script (the project denies them too).
FROM base AS deps
COPY --from=manifests /manifests/ ./
RUN --mount=type=cache,target=/root/.npm,sharing=locked \
    npm ci --ignore-scripts --no-audit --no-fund

# --- build: tsc for every package, Vite for the web UI ------------------------------------------
FROM deps AS build
COPY . .
# Gather the runtime files of each workspace into /out, mirroring the repository layout:
# every dist/ (the server serves apps/web/dist) and the SQL migrations read by packages/db.
RUN set -eu; \
    npm run build; \
    mkdir -p /out; \
    for dir in packages/* apps/*; do \
      if [ -d "$dir/dist" ]; then mkdir -p "/out/$dir" && cp -R "$dir/dist" "/out/$dir/"; fi; \
    done; \
    cp -R packages/db/migrations /out/packages/db/

# --- prod-deps: production dependencies only ----------------------------------------------------
FROM base AS prod-deps
COPY --from=manifests /manifests/ ./
RUN --mount=type=cache,target=/root/.npm,sharing=locked \
    npm ci --omit=dev --ignore-scripts --no-audit --no-fund

# --- runtime ------------------------------------------------------------------------------------
FROM base AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data

# Application files stay owned by root (read-only for the app); only /data is writable.
COPY --from=prod-deps /app/ ./
COPY --from=build /out/ ./

RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]

USER node
EXPOSE 3000

# No curl in the image: Node's fetch probes readiness (200 once the database answers).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/readyz', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

ENTRYPOINT ["node", "apps/server/dist/cli.js"]
CMD ["serve"]
