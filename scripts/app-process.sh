# Sourced by the scripts that start the app as its own process (publish-smoke.sh, api-contract.sh).
# The caller defines fail() and sets pid once the app is started.

# A free TCP port on the loopback address.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# Waits up to 90 s until $1/healthz answers Healthy; fails early if process $2 exits.
wait_healthy() {
  local base=$1 app=$2
  for _ in $(seq 1 90); do
    [ "$(curl -sf "$base/healthz")" = "Healthy" ] && return 0
    kill -0 "$app" 2>/dev/null || fail "the app exited before it was healthy"
    sleep 1
  done
  fail "$base/healthz did not answer Healthy within 90 s"
}

# Stops the app started as $pid, if any.
stop_app() {
  [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null
  [ -n "${pid:-}" ] && wait "$pid" 2>/dev/null
  return 0
}
