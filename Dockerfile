# movielab: the static workbench and the prediction API on one port.
#
# No MovieLens data goes into the image: the build context excludes data/ (.dockerignore), the site is
# built on the seeded synthetic data set (MOVIELAB_DATA=synthetic, MOVIELAB_OFFLINE=1), and the bundle
# baked in at /app/model/model.json is trained on that synthetic set too. To serve a model trained on
# real data, mount it over the default:  -v "$PWD/model.json:/app/model/model.json:ro"
#
#   docker build -t movielab .
#   docker run --rm -p 5000:5000 movielab              # site at http://localhost:5000/, API beside it
#   docker run --rm -p 5000:5000 -v "$PWD/model.json:/app/model/model.json:ro" movielab

# ---- build: install everything, build the site, train the synthetic bundle -----------------------
FROM docker.io/library/node:20-bookworm-slim AS build
WORKDIR /app
ENV OBSERVABLE_TELEMETRY_DISABLE=1 MOVIELAB_OFFLINE=1 MOVIELAB_DATA=synthetic
COPY package.json package-lock.json ./
# npm ci runs the prepare script (scripts/build-cli.mjs, the compiled CLI); before the sources are
# copied it only says so, and `npm run build:cli` below builds it.
COPY scripts/build-cli.mjs scripts/cli-inputs.mjs ./scripts/
RUN npm ci --no-audit --no-fund
COPY . .
# The site, then the compiled CLI as the npm package ships it (dist-cli-package/, scripts/prepack.mjs).
RUN npm run build && npm run build:cli && node scripts/prepack.mjs
# Fewer rounds than the CLI's tuned defaults keep the image build short; retrain and mount for real use.
RUN mkdir -p model \
 && node bin/movielab.js train classifier --data synthetic --out model/model.json --rounds 80 --validation 0 --early-stopping 0 \
 && node bin/movielab.js predict --bundle model/model.json --user 1 --movie 1

# ---- runtime: the compiled CLI as the npm package ships it, the site and the model -----------------
# The CLI bundles every package it imports (scripts/build-cli.mjs), so this stage needs no node_modules,
# no sources and no tsx: without src/, bin/movielab.js runs dist-cli-package/ as an installed package does.
FROM docker.io/library/node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production MOVIELAB_OFFLINE=1 OBSERVABLE_TELEMETRY_DISABLE=1
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/bin ./bin
COPY --from=build /app/dist-cli-package ./dist-cli-package
COPY --from=build /app/dist ./dist
COPY --from=build /app/model ./model
USER node
EXPOSE 5000
# node is PID 1 and handles SIGTERM itself (graceful shutdown), so no init wrapper is needed.
CMD ["node", "bin/movielab.js", "serve", "--bundle", "/app/model/model.json", "--site", "/app/dist", "--host", "0.0.0.0", "--port", "5000"]
