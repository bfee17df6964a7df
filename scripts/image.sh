#!/usr/bin/env bash
# Build the container image of VIT and smoke-test it: the image's own gunicorn serves / and
# /health/ against a throwaway PostgreSQL, after the image's migrate command ran.
#   scripts/image.sh            build localhost/vit:latest and test it
#   VIT_BASIS=registry.example/debian:bookworm-slim scripts/image.sh   use your own base image
# Without a reachable image registry the base is made from Debian's packages (debootstrap).
# Containers are not started (this also works where podman cannot run one): the smoke test runs
# the image's processes with chroot in its mounted file system, as the image's user.
set -euo pipefail
cd "$(dirname "$0")/.."
begin=$(date +%s)
image=localhost/vit:latest
basis="${VIT_BASIS:-}"

als_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v podman >/dev/null || ! command -v debootstrap >/dev/null; then
  echo "== podman en debootstrap installeren"
  als_root apt-get update -qq
  als_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq podman debootstrap >/dev/null
fi

if [ -z "$basis" ]; then
  basis=localhost/debian-bookworm-base
  if ! als_root podman image exists "$basis"; then
    echo "== basisimage uit Debian-pakketten (debootstrap)"
    spiegel=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
    root=$(mktemp -d /tmp/vit-basis.XXXXXX)
    als_root debootstrap --variant=minbase bookworm "$root" "${spiegel:-http://deb.debian.org/debian}" >/dev/null
    als_root tar -C "$root" -c . | als_root podman import - "$basis" >/dev/null
    als_root rm -rf "$root"
  fi
fi

echo "== Python-wheels"
rm -rf build/wheels && mkdir -p build/wheels
python3 - >build/wheels/requirements.txt <<'PY'
import tomllib
print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]))
PY
python3 -m pip wheel --quiet --disable-pip-version-check -w build/wheels \
  -r build/wheels/requirements.txt 2> >(grep -v "is ignored: it is neither" >&2)

echo "== image bouwen ($image op $basis)"
bouw_begin=$(date +%s)
als_root podman build --quiet --isolation chroot --build-arg "BASIS=$basis" -f Containerfile -t "$image" . >/dev/null
bouwtijd=$(( $(date +%s) - bouw_begin ))
grootte=$(als_root podman image inspect "$image" --format '{{.Size}}')

echo "== rooktest"
eval "$(VIT_PG_PORT="${VIT_PG_PORT:-54339}" scripts/throwaway-postgres.sh start)"
als_root chmod 1777 "$VIT_PG_DIR"  # the image's /tmp: its user reaches the socket, not the data
m=$(als_root podman image mount "$image")
poort=${VIT_IMAGE_POORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
opruimen() {
  [ -n "${gunicorn_pid:-}" ] && als_root kill "$gunicorn_pid" 2>/dev/null || true
  als_root pkill -f "gunicorn vit.wsgi --bind 127.0.0.1:$poort" 2>/dev/null || true
  sleep 1
  for d in tmp proc dev; do als_root umount "$m/$d" 2>/dev/null || true; done
  als_root podman image unmount "$image" >/dev/null 2>&1 || true
  scripts/throwaway-postgres.sh stop "$VIT_PG_DIR"
}
trap opruimen EXIT
# The image's file system stays read-only (as with readOnlyRootFilesystem on a platform): only
# /tmp is writable, and there the throwaway cluster's socket directory is mounted.
als_root mount --bind "$VIT_PG_DIR" "$m/tmp"
als_root mount --bind /proc "$m/proc"
als_root mount --bind /dev "$m/dev"
omgeving=(env -i PATH=/opt/vit/bin:/usr/bin:/bin HOME=/app DJANGO_SETTINGS_MODULE=vit.settings
  DJANGO_STATIC_ROOT=/app/staticfiles XDG_CACHE_HOME=/tmp/.cache DJANGO_SECRET_KEY=rooktest-geheim-niet-voor-productie
  DJANGO_ALLOWED_HOSTS=localhost,127.0.0.1 DJANGO_HTTPS=0 "DATABASE_URL=${DATABASE_URL//$VIT_PG_DIR//tmp}")
in_image() { als_root chroot --userspec=10001:10001 "$m" "${omgeving[@]}" sh -c "cd /app && $*"; }
in_image python manage.py migrate -v0
in_image python manage.py laad_kader >/dev/null
in_image exec gunicorn vit.wsgi --bind "127.0.0.1:$poort" --workers 2 --no-control-socket --log-level warning &
gunicorn_pid=$!
for _ in $(seq 1 60); do
  curl -fs "http://127.0.0.1:$poort/health/" >/dev/null 2>&1 && break
  sleep 0.5
done
status_home=$(curl -s -o /tmp/vit-image-home.html -w '%{http_code}' "http://127.0.0.1:$poort/")
health=$(curl -s "http://127.0.0.1:$poort/health/")
css=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$poort/static/vit/css/vit.css")
gebruiker=$(als_root chroot --userspec=10001:10001 "$m" /usr/bin/id -u)
echo "GET / -> $status_home; GET /health/ -> $health; GET vit.css -> $css; gebruiker $gebruiker"
echo "image $image: $((grootte / 1000000)) MB; bouwen ${bouwtijd} s; alles samen $(( $(date +%s) - begin )) s"
if [ "$status_home" != 200 ] || [ "$health" != '{"status": "ok"}' ] || [ "$css" != 200 ] \
  || ! grep -q "Verkenninginstrument" /tmp/vit-image-home.html || [ "$gebruiker" = 0 ]; then
  echo "Rooktest mislukt." >&2
  exit 1
fi
echo "Rooktest geslaagd."
