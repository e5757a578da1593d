#!/usr/bin/env bash
# Install the Debian packages the test suite needs: Chromium (browser tests), LibreOffice
# Calc (recalculating exported workbooks) and the PostgreSQL server (the store tests run on
# DuckDB and on a throwaway PostgreSQL, see tests/pg_server.py). Idempotent: does nothing if
# present. Under CI (CI=true) a missing package is an error; elsewhere the dependent tests skip.
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium fonts-noto-color-emoji)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc-nogui)
# Debian keeps initdb/pg_ctl under /usr/lib/postgresql/<version>/bin, not on PATH.
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need+=(postgresql)
[ ${#need[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO="sudo -n"
else
  echo "install-system-deps: need root to install ${need[*]}; the tests needing them will skip" >&2
  [ "${CI:-}" = "true" ] && exit 1
  exit 0
fi

echo "install-system-deps: installing ${need[*]} (Debian packages)"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
