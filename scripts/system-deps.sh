#!/usr/bin/env bash
# Install the Debian packages Taxhauz needs, only those missing.
#   scripts/system-deps.sh runtime   what the portal and its worker need (OCR, PDF rendering)
#   scripts/system-deps.sh test      runtime + what the test suite needs (Chromium, PostgreSQL, Redis)
set -euo pipefail
profile="${1:-runtime}"

runtime=(
  python3-venv            # virtualenvs on a bare Debian
  tesseract-ocr tesseract-ocr-eng   # OCR of scanned notices and phone photos
  poppler-utils           # pdftoppm, for rasterising in tools and docs
  libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0   # WeasyPrint (harfbuzz-subset: ~4x faster)
  libheif1                # HEIC phone photos
  libmagic1               # python-magic: the type of an upload, from its bytes
  fonts-dejavu-core fonts-liberation
)
test_only=(
  chromium                # the browser tests drive Debian's Chromium; never a downloaded one
  postgresql redis-server # services the tests talk to (already running on CI machines)
  dovecot-imapd           # a real IMAP server for the notices-by-e-mail tests (started by them)
  nginx                   # the reverse proxy the client-address tests put in front of Django
  make
)

wanted=("${runtime[@]}")
[ "$profile" = "test" ] && wanted+=("${test_only[@]}")

missing=()
for pkg in "${wanted[@]}"; do
  if [ "$pkg" = "python3-venv" ] && python3 -c 'import ensurepip, venv' 2>/dev/null; then
    continue  # a Python with venv support is already there (e.g. a pyenv build)
  fi
  if [ "$pkg" = "postgresql" ] && command -v pg_ctlcluster >/dev/null 2>&1; then continue; fi
  if [ "$pkg" = "redis-server" ] && command -v redis-server >/dev/null 2>&1; then continue; fi
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "System packages: all present."
  exit 0
fi

echo "Installing system packages: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "Run as root or install sudo to add: ${missing[*]}" >&2; exit 1; }
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
# Services come with packages (nginx would start on port 80): the tests start their own
# instances on free ports, so forbid starting the system ones while installing, unless the
# machine already has a policy of its own.
policy=/usr/sbin/policy-rc.d
own_policy=""
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null
  $SUDO chmod 755 "$policy"
  own_policy=1
fi
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
if [ -n "$own_policy" ]; then $SUDO rm -f "$policy"; fi
echo "System packages installed."
