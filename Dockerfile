# The gateway image wraps the folder `pnpm deploy:gateway` writes; it never builds from sources.
# CI builds and tests that folder (test/consumers/deploy-gateway.test.ts), not this image.
#
#   pnpm install --frozen-lockfile && pnpm deploy:gateway deploy/gateway
#   docker build -t onelink-gateway .
#
# The folder holds native modules (better-sqlite3) compiled for the machine that made it: make it on
# the same OS, CPU architecture and Node major as the base image below (Debian, Node 20).
FROM node:20-bookworm-slim

ENV NODE_ENV=production \
    PORT=8080 \
    HOST=0.0.0.0 \
    DATABASE_URL=sqlite:/data/gateway.sqlite

WORKDIR /app
COPY --chown=root:root deploy/gateway/ /app/

# Runs as the image's unprivileged user; only /data (the SQLite file) is writable.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080

HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# SIGTERM (docker stop) drains requests in flight and closes the database before exiting 0.
STOPSIGNAL SIGTERM
CMD ["node", "dist/main.js"]
