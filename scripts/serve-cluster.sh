#!/usr/bin/env bash
# Several app servers against one PostgreSQL store, on loopback ports (docs/deployment.md).
#
#   COCKPIT_DB=postgresql://user:pw@host:5432/cockpit scripts/serve-cluster.sh [-n N] [-p PORT] [-s SECRETS]
#
# Prepares the store once (migrate, seed if empty: `python -m core seed`), then starts N
# Streamlit servers (`python -m ui.launch`) on 127.0.0.1:PORT … PORT+N-1 (default 2 servers
# from 8601), waits until each answers its health check and prints one line
# "ready http://127.0.0.1:PORT …". It stays in the foreground; SIGTERM or Ctrl-C stops every
# server it started (by process id) and then the script. SECRETS is a secrets.toml for every
# server (sign-in, see secrets.example.toml); default: .streamlit/secrets.toml if present.
# A reverse proxy with sticky sessions in front of the ports makes them one site.
set -euo pipefail

count=2
port=8601
secrets=""
while getopts "n:p:s:" opt; do
  case "$opt" in
    n) count="$OPTARG" ;;
    p) port="$OPTARG" ;;
    s) secrets="$OPTARG" ;;
    *) echo "usage: $0 [-n servers] [-p first port] [-s secrets.toml]" >&2; exit 2 ;;
  esac
done
case "${COCKPIT_DB:-}" in
  postgresql://* | postgres://*) ;;
  *) echo "serve-cluster: COCKPIT_DB must name a PostgreSQL database (postgresql://…);" \
          "a DuckDB file serves one app server only (make run)." >&2; exit 2 ;;
esac
if ! [[ "$count" =~ ^[1-9][0-9]?$ && "$port" =~ ^[1-9][0-9]{3,4}$ ]]; then
  echo "serve-cluster: -n must be 1..99 and -p a port number" >&2; exit 2
fi

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
python="${PYTHON:-$root/.venv/bin/python}"
options=(--server.headless true --server.address 127.0.0.1 --browser.gatherUsageStats false
         --server.fileWatcherType none)
if [[ -n "$secrets" ]]; then
  options+=(--secrets.files "$secrets")
fi

"$python" -m core seed >&2  # migrate and seed once, before the servers start

pids=()
stop() {
  trap - TERM INT EXIT
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap 'stop; exit 0' TERM INT
trap stop EXIT

urls=()
for ((i = 0; i < count; i++)); do
  p=$((port + i))
  "$python" -m ui.launch --server.port "$p" "${options[@]}" >&2 &
  pids+=("$!")
  urls+=("http://127.0.0.1:$p")
done
for i in "${!urls[@]}"; do
  for _ in $(seq 1 600); do
    if ! kill -0 "${pids[$i]}" 2>/dev/null; then
      echo "serve-cluster: the server for ${urls[$i]} stopped during start" >&2; exit 1
    fi
    if curl -fsS "${urls[$i]}/_stcore/health" >/dev/null 2>&1; then continue 2; fi
    sleep 0.2
  done
  echo "serve-cluster: ${urls[$i]} did not become healthy within 120 s" >&2; exit 1
done
echo "ready ${urls[*]}"
wait -n "${pids[@]}" || true  # one server ending is the end of the cluster
echo "serve-cluster: a server stopped; stopping the others" >&2
exit 1
