# The gateway on Node with its SQLite file in /data; PostgreSQL instead when DATABASE_URL is set
# (compose.yaml). Build: docker build -t patronage-fhir-gateway .
# Stage 1 installs the runtime dependencies; better-sqlite3 compiles here when no prebuilt binary
# can be fetched, so the compiler stays out of the final image.
FROM node:20.20-bookworm-slim AS deps
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3=3.11.* make=4.3-* g++=4:12.* \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
# The compiled entry `npm start` runs (scripts/build-node.mjs, decision 034): esbuild is a runtime
# dependency, so no development package is needed for it.
COPY scripts/build-node.mjs ./scripts/
COPY src ./src
RUN node scripts/build-node.mjs

# Stage 2: the runtime, as the unprivileged `node` user.
FROM node:20.20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8080 DATABASE_PATH=/data/gateway.sqlite LOG_LEVEL=info
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --chown=node:node package.json ./
COPY --chown=node:node bin ./bin
COPY --chown=node:node migrations ./migrations
COPY --chown=node:node mappings ./mappings
COPY --chown=node:node src ./src
COPY --from=deps --chown=node:node /app/build ./build
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
# Node's own fetch: the slim image has no curl.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Node itself is PID 1's only child of note: SIGTERM reaches the gateway, which finishes requests in flight.
STOPSIGNAL SIGTERM
# The same command and heap settings as `npm start` (decision 043), without npm in between.
CMD ["node", "--max-semi-space-size=4", "--heap-growing-percent=50", "build/node/server.mjs"]
