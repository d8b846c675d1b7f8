# syntax=docker/dockerfile:1
# Production image: build everything in one stage, ship only what runs in the next.

FROM node:20-bookworm-slim AS build
WORKDIR /portal
COPY . .
RUN npm ci --no-audit --no-fund \
 && npm run build \
 && npm prune --omit=dev

FROM node:20-bookworm-slim
# git provides `git http-backend` for the built-in git host.
RUN apt-get update \
 && apt-get install -y --no-install-recommends git ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /portal
ENV NODE_ENV=production
COPY --from=build /portal/package.json /portal/app-config.yaml /portal/app-config.production.yaml ./
COPY --from=build /portal/node_modules ./node_modules
COPY --from=build /portal/packages ./packages
COPY --from=build /portal/plugins ./plugins
COPY --from=build /portal/catalog-examples ./catalog-examples
COPY --from=build /portal/templates ./templates
COPY --from=build /portal/docs ./docs
COPY --from=build /portal/catalog-info.yaml /portal/mkdocs.yml ./
RUN mkdir -p /portal/data && chown node:node /portal/data
USER node
EXPOSE 7007
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s \
  CMD node -e "fetch('http://127.0.0.1:7007/readyz').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
CMD ["node", "packages/backend/dist/main.js", "--config", "app-config.production.yaml"]
