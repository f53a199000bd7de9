#!/usr/bin/env bash
# Optional check: build the Dockerfile for real and smoke-test the image without a Docker engine
# (recipe: ../shared/docs/containers.md). podman builds with chroot isolation from a base image made
# locally (debootstrap + this machine's Node 20, tagged like the official node:20-bookworm-slim); the
# image's command then runs in a chroot of the mounted image, and /health and /predict are called over
# loopback. Needs root, apt, network for npm ci; takes several minutes. Exit 0 only when both answers
# are right.
#
# Usage: sudo scripts/container-smoke.sh [port]
#   env: CONTEXT=dir builds from another checkout (default: this one); KEEP_WORKDIR=1 keeps the workdir
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
PORT="${1:-5077}"
step() { printf '\n== %s\n' "$*"; }

if [ "$(id -u)" -ne 0 ]; then echo "container-smoke: needs root (debootstrap, chroot, podman image mount)" >&2; exit 1; fi
if ! command -v podman >/dev/null || ! command -v debootstrap >/dev/null; then
  step "apt-get install -y podman debootstrap"
  apt-get update -qq && apt-get install -y -qq podman debootstrap >/dev/null
fi

w=$(mktemp -d)
printf '[containers]\ndefault_ulimits = []\n' > "$w/containers.conf"
export CONTAINERS_CONF="$w/containers.conf"
mnt=""
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi
  if [ -n "$mnt" ]; then
    for d in tmp dev proc; do umount "$mnt/$d" 2>/dev/null || true; done
    podman image unmount localhost/movielab >/dev/null 2>&1 || true
  fi
  if [ "${KEEP_WORKDIR:-0}" != "1" ]; then rm -rf "$w"; fi
}
trap cleanup EXIT

BASE=docker.io/library/node:20-bookworm-slim
if ! podman image exists "$BASE"; then
  step "base image $BASE from debootstrap + $(node --version) (takes a few minutes)"
  debootstrap --variant=minbase bookworm "$w/rootfs" >/dev/null
  mkdir -p "$w/rootfs/usr/lib/node_modules"
  cp "$(command -v node)" "$w/rootfs/usr/bin/node"
  cp -a "$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")" "$w/rootfs/usr/lib/node_modules/npm"
  ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$w/rootfs/usr/bin/npm"
  # The official image has a "node" user; USER node in the Dockerfile needs it.
  chroot "$w/rootfs" sh -c 'groupadd -g 1000 node && useradd -u 1000 -g node -m -s /bin/sh node'
  # Behind a TLS-intercepting proxy (the host sets NODE_EXTRA_CA_CERTS), npm ci in the build needs its CA.
  changes=()
  if [ -n "${NODE_EXTRA_CA_CERTS:-}" ] && [ -f "$NODE_EXTRA_CA_CERTS" ]; then
    mkdir -p "$w/rootfs/etc/ssl/certs"
    cp "$NODE_EXTRA_CA_CERTS" "$w/rootfs/etc/ssl/certs/host-ca.crt"
    changes=(--change "ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/host-ca.crt")
  fi
  tar -C "$w/rootfs" -c . | podman import "${changes[@]}" - "$BASE" >/dev/null
  rm -rf "$w/rootfs"
else
  step "base image $BASE already present"
fi

CONTEXT="${CONTEXT:-.}"
step "npm ci --dry-run in $CONTEXT (the image build runs npm ci: the lock file must match package.json)"
if ! (cd "$CONTEXT" && npm ci --dry-run --ignore-scripts --no-audit --no-fund >/dev/null 2>&1); then
  if grep -q "RUN npm ci" "$CONTEXT/Dockerfile"; then
    echo "container-smoke: npm ci fails on $CONTEXT/package-lock.json (run 'npm install' to resync it); the image cannot build" >&2; exit 1
  fi
  echo "warning: npm ci would fail on this lock file; $CONTEXT/Dockerfile uses npm install, so the build goes on"
fi

step "podman build --isolation=chroot -t movielab $CONTEXT"
started=$(date +%s)
podman build --isolation=chroot --pull=never -t movielab "$CONTEXT"
echo "built in $(( $(date +%s) - started )) s; size $(podman image inspect localhost/movielab --format '{{.Size}}') bytes"

step "the image holds no MovieLens files"
mnt=$(podman image mount localhost/movielab)
if find "$mnt/app" -path "$mnt/app/node_modules" -prune -o \( -name 'u.data' -o -name 'u.item' -o -name 'ratings.csv' -o -name 'ratings.dat' -o -name 'ml-*.zip' \) -print | grep .; then
  echo "container-smoke: MovieLens files found in the image" >&2; exit 1
fi

step "run the image's CMD in a chroot (WORKDIR /app, ENV and CMD copied from the Dockerfile), port $PORT"
# /proc and /dev are needed by node; the chroot shares the host network, so 127.0.0.1 reaches it.
# The mounted image is read-only; a container would have a writable /tmp, so the chroot gets a tmpfs there.
mount -t proc proc "$mnt/proc"
mount --bind /dev "$mnt/dev"
mount -t tmpfs -o mode=1777 tmpfs "$mnt/tmp"
chroot --userspec=1000:1000 "$mnt" /usr/bin/env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=/home/node NODE_ENV=production MOVIELAB_OFFLINE=1 OBSERVABLE_TELEMETRY_DISABLE=1 \
  sh -c "cd /app && exec node bin/movielab.js serve --bundle /app/model/model.json --site /app/dist --host 127.0.0.1 --port $PORT --quiet" &
server=$!
for _ in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:$PORT/health" >/dev/null 2>&1; then break; fi
  sleep 0.5
done

step "GET /health"
curl -fsS "http://127.0.0.1:$PORT/health"; echo
step "POST /predict {user_id: 1, movie_id: 1}"
answer=$(curl -fsS -X POST -H 'content-type: application/json' -d '{"user_id":1,"movie_id":1}' "http://127.0.0.1:$PORT/predict")
echo "$answer"
echo "$answer" | node -e 'const a = JSON.parse(require("fs").readFileSync(0, "utf8")); if (!(a.user_id === 1 && a.movie_id === 1 && a.probabilities.length > 1)) process.exit(1)'
step "POST /predict with a string id → 400"
code=$(curl -sS -o /dev/null -w '%{http_code}' -X POST -H 'content-type: application/json' -d '{"user_id":"1","movie_id":1}' "http://127.0.0.1:$PORT/predict")
[ "$code" = 400 ] || { echo "expected 400, got $code" >&2; exit 1; }
step "GET / (the site)"
curl -fsS "http://127.0.0.1:$PORT/" | grep -q "<title>" || { echo "the site's index.html was not served" >&2; exit 1; }

step "SIGTERM → graceful stop"
kill -TERM "$server"
wait "$server" && echo "server exited 0"
server=""
step "ok: image built, served /health, /predict and the site over loopback"
