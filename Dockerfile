# The production image. tests/deploy/productionInstall.test.ts runs these same steps without Docker
# (it reads this file), so keep every step in a form that test knows; it fails on one it does not.
#
#   docker build -t back-on-track .        docker compose up        (see README, "Deploying")

# Node 20 is the line the project is tested on (engines, .nvmrc); see README for its end of life.
ARG NODE_IMAGE=node:20-bookworm-slim

# --- build: every dependency, TypeScript compiled to dist/, Web Chat's bundle copied to public/vendor/ ---
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY dialogs ./dialogs
COPY public ./public
# The build also parses the knowledge and trains the model once, into dist/cache (read at start-up).
COPY knowledge ./knowledge
RUN npm run build

# --- runtime: production dependencies only (no TypeScript, no botframework-webchat), non-root ---
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
# botbuilder-dialogs' postinstall runs `npx rimraf`, fetched here since rimraf is a dev dependency.
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY knowledge ./knowledge
COPY --from=build /app/dist ./dist
COPY --from=build /app/public ./public
# Conversation state (STORAGE=lowdb) and the booking store live in /app/data: mount a volume there.
RUN mkdir -p /app/data && chown node:node /app/data
ENV NODE_ENV=production DOTENV_CONFIG_QUIET=true HOST=0.0.0.0 PORT=3978
USER node
EXPOSE 3978
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3978) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node itself is PID 1 (no npm or shell in between), so SIGTERM reaches the bot's own handler, which lets
# running turns finish and flushes storage; compose.yaml adds `init: true` to reap any child process.
# The flags are `npm run serve`'s (README, Deploying).
CMD ["node", "--max-old-space-size=256", "--no-regexp-tier-up", "--disable-warning=DEP0111", "dist/src/index.js"]
