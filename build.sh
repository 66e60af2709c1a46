#!/usr/bin/env bash
# CleanAssistant build/test entry point. See usage() below and tests/README.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

usage() {
  cat <<'EOF'
Usage: ./build.sh <command> [args]
  run                      build and start the server in embedded mode
                           (CLEANASSISTANT_URLS overrides http://127.0.0.1:5080)
  test [--filter EXPR] [tests/X.Tests ...] [extra dotnet test args]
                           start private PostgreSQL + Redis, build, run all test
                           projects; last line: "N passed, N failed[, N skipped]"
  services                 start private PostgreSQL + Redis, print export lines,
                           wait until Ctrl-C
  bench [args]             run tests/Benchmarks (args passed on) and tests/Load
EOF
}

log() { echo "==> $*" >&2; }
SUMMARY_ON_DIE=0
die() {
  echo "build.sh: error: $*" >&2
  # In `test` mode an infrastructure failure still ends with a summary line.
  if [ "$SUMMARY_ON_DIE" = 1 ]; then echo "0 passed, 1 failed"; fi
  exit 1
}

# ---------------------------------------------------------------- prerequisites
# Newest PostgreSQL server bin dir (the client-only package has no initdb).
pg_bindir() {
  ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 | sed -n 's#/initdb$##p' | grep .
}

# ensure_packages NAME... : install the given Debian packages that are missing
# (callers pass only what their check found missing). apt-get update runs once.
ensure_packages() {
  [ $# -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"            # a developer's machine: needs sudo
  log "installing missing Debian packages: $*"
  $sudo apt-get update -qq >&2 || die "apt-get update failed"
  $sudo env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "$@" >&2 || die "apt-get install $* failed"
}

need_node() { command -v node >/dev/null && command -v npm >/dev/null || echo "nodejs npm"; }

# Voice: ffmpeg decodes uploaded audio; PocketSphinx (libraries and the en-us models) is the local speech
# engine; sox (with every format: libsox-fmt-all), espeak-ng and flite make speech for the tests and speak replies.
need_audio() {
  local package
  for package in libpocketsphinx3 libsphinxbase3 pocketsphinx-en-us; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'ok installed' || echo "$package"
  done
  command -v ffmpeg >/dev/null || echo ffmpeg
  command -v sox >/dev/null || echo sox
  dpkg-query -W -f='${Status}' libsox-fmt-all 2>/dev/null | grep -q 'ok installed' || echo libsox-fmt-all
  command -v espeak-ng >/dev/null || echo espeak-ng
  command -v flite >/dev/null || echo flite
}

ensure_test_prereqs() {
  local missing=()
  pg_bindir >/dev/null || missing+=(postgresql)
  { command -v redis-server && command -v redis-cli; } >/dev/null || missing+=(redis-server)
  command -v chromium >/dev/null || missing+=(chromium)
  # The recurrence oracle test compares our expansion with python-dateutil.
  { python3 -c 'import dateutil' || /usr/bin/python3 -c 'import dateutil'; } >/dev/null 2>&1 || missing+=(python3-dateutil)
  # shellcheck disable=SC2207
  missing+=($(need_node) $(need_audio))
  ensure_packages "${missing[@]}"
}

# ------------------------------------------------------------ private services
TMP="" PG_BIN="" PG_DATA="" PG_USER="" REDIS_PIDFILE=""

# A random port in 20000-40000 that nothing listens on and that we can bind.
# (Runs inside $(...), so it returns 1 rather than calling die.)
free_port() {
  local p
  for _ in $(seq 1 100); do
    p=$((20000 + RANDOM % 20001))
    [ "$p" = "${1:-}" ] && continue            # distinct from an earlier pick
    if command -v python3 >/dev/null; then
      python3 -c 'import socket,sys; s=socket.socket(); s.bind(("127.0.0.1",int(sys.argv[1])))' "$p" 2>/dev/null \
        && { echo "$p"; return; }
    elif ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"; return                        # nothing answered: treat as free
    fi
  done
  return 1
}

# as_pg CMD... : run as the unprivileged PostgreSQL user (postgres refuses root).
as_pg() { if [ -n "$PG_USER" ]; then runuser -u "$PG_USER" -- "$@"; else "$@"; fi; }

stop_services() {
  if [ -n "$PG_DATA" ] && [ -f "$PG_DATA/postmaster.pid" ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" stop -m immediate -w >/dev/null 2>&1 || true
  fi
  if [ -n "$REDIS_PIDFILE" ] && [ -f "$REDIS_PIDFILE" ]; then
    local pid; pid="$(cat "$REDIS_PIDFILE")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  [ -n "$TMP" ] && rm -rf "$TMP"
  return 0
}

# Starts PostgreSQL and Redis in a fresh temp dir and exports
# CLEANASSISTANT_TEST_POSTGRES / CLEANASSISTANT_TEST_REDIS (and _CHROMIUM if found).
start_services() {
  PG_BIN="$(pg_bindir)" || die "PostgreSQL server binaries not found under /usr/lib/postgresql"
  TMP="$(mktemp -d -t cleanassistant-test.XXXXXX)"
  chmod 711 "$TMP"                              # the postgres user must traverse it
  if [ "$(id -u)" = 0 ]; then                    # use Debian's `postgres` user, else our own
    PG_USER=postgres
    id postgres >/dev/null 2>&1 || PG_USER=cleanassistant-test
    id "$PG_USER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$PG_USER"
  fi
  mkdir -p "$TMP/pg" "$TMP/results"
  [ -n "$PG_USER" ] && chown "$PG_USER" "$TMP/pg"
  PG_DATA="$TMP/pg/data"

  local pg_port redis_port pw
  pg_port="$(free_port)" && redis_port="$(free_port "$pg_port")" \
    || die "no free TCP port found in 20000-40000"
  pw="$(od -An -tx1 -N12 /dev/urandom | tr -d ' \n')"
  echo "$pw" > "$TMP/pg/pw"; [ -n "$PG_USER" ] && chown "$PG_USER" "$TMP/pg/pw"

  log "starting PostgreSQL ($(basename "$(dirname "$PG_BIN")")) on 127.0.0.1:$pg_port${PG_USER:+ as $PG_USER}"
  as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --pwfile="$TMP/pg/pw" -E UTF8 \
    --locale=C.UTF-8 --auth-local=trust --auth-host=scram-sha-256 >"$TMP/pg/initdb.log" 2>&1 \
    || { cat "$TMP/pg/initdb.log" >&2; die "initdb failed"; }
  cat >>"$PG_DATA/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $pg_port
unix_socket_directories = '$TMP/pg'
max_connections = 300
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$TMP/pg/server.log" -w -t 60 start >/dev/null \
    || { tail -n 30 "$TMP/pg/server.log" >&2 || true; die "PostgreSQL did not start"; }

  log "starting Redis on 127.0.0.1:$redis_port"
  REDIS_PIDFILE="$TMP/redis.pid"
  redis-server --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no \
    --daemonize yes --pidfile "$REDIS_PIDFILE" --dir "$TMP" --logfile "$TMP/redis.log" \
    || die "redis-server failed to start"

  # Wait until both answer (30 s).
  local ok=0
  for _ in $(seq 1 150); do
    if "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$pg_port" \
       && [ "$(redis-cli -h 127.0.0.1 -p "$redis_port" ping 2>/dev/null)" = PONG ]; then ok=1; break; fi
    sleep 0.2
  done
  [ "$ok" = 1 ] || die "PostgreSQL/Redis did not answer within 30 s (logs in $TMP)"

  export CLEANASSISTANT_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Password=$pw;Database=postgres"
  export CLEANASSISTANT_TEST_REDIS="127.0.0.1:$redis_port"
  CLEANASSISTANT_TEST_CHROMIUM="$(command -v chromium || true)"; export CLEANASSISTANT_TEST_CHROMIUM
}

# Install prerequisites, then start the services; they are stopped (and the
# temp dir removed) on any exit, silently so nothing follows the summary line.
begin_services() {
  ensure_test_prereqs
  trap 'set +e; [ -z "${SLEEPER:-}" ] || kill "$SLEEPER"; stop_services >/dev/null 2>&1' EXIT
  trap 'exit 130' INT TERM
  start_services
}

# ------------------------------------------------------------------- commands
cmd_run() {
  # shellcheck disable=SC2046
  ensure_packages $(need_node) $(need_audio)    # node+npm bundle the GraphQL IDE at build time; ffmpeg decodes audio
  export ASPNETCORE_URLS="${CLEANASSISTANT_URLS:-http://127.0.0.1:5080}"
  export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
  # `dotnet run` starts in the project folder; keep the embedded data under ./data of the checkout.
  mkdir -p data
  export CLEANASSISTANT__DATABASE__CONNECTIONSTRING="${CLEANASSISTANT__DATABASE__CONNECTIONSTRING:-Data Source=$PWD/data/cleanassistant.db}"
  export CLEANASSISTANT__IDENTITY__KEYSDIRECTORY="${CLEANASSISTANT__IDENTITY__KEYSDIRECTORY:-$PWD/data/keys}"
  local url="${ASPNETCORE_URLS%%;*}"
  echo "CleanAssistant (embedded mode) — API: $url/graphql  IDE: open $url/graphql in a browser  Health: /health/ready"
  exec dotnet run --project src/WebApi -c Release "$@"
}

# Echo "passed failed skipped" from one TRX file.
trx_counts() {
  local c; c="$(grep -o '<Counters [^>]*>' "$1" | head -n 1)"
  attr() { local v; v="$(sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$c")"; echo "${v:-0}"; }
  # VSTest leaves notExecuted at 0 for skipped xunit tests; total-executed counts them.
  local skipped=$(( $(attr total) - $(attr executed) ))
  [ "$skipped" -ge "$(attr notExecuted)" ] || skipped="$(attr notExecuted)"
  echo "$(attr passed) $(( $(attr failed) + $(attr error) + $(attr timeout) + $(attr aborted) )) $skipped"
}

cmd_test() {
  local filter=() projects=() extra=() all_projects=1 csproj
  while [ $# -gt 0 ]; do
    case "$1" in
      --filter) [ $# -ge 2 ] || die "--filter needs an expression"; filter=(--filter "$2"); shift 2 ;;
      *.csproj) [ -f "$1" ] || die "no such project: $1"; projects+=("$1"); all_projects=0; shift ;;
      *) if [ -d "$1" ]; then               # a project folder, e.g. tests/Domain.Tests
           csproj="$(ls "${1%/}"/*.csproj 2>/dev/null | head -n 1)" || true
           [ -n "$csproj" ] || die "no .csproj in $1"
           projects+=("$csproj"); all_projects=0
         else extra+=("$1"); fi; shift ;;
    esac
  done
  [ ${#projects[@]} -gt 0 ] || mapfile -t projects < <(ls tests/*/*.Tests.csproj 2>/dev/null | sort)
  [ ${#projects[@]} -gt 0 ] || die "no test projects found"

  SUMMARY_ON_DIE=1
  begin_services
  local results="$TMP/results"

  # Build once: the whole solution, or only the chosen projects.
  local targets=(CleanAssistant.sln) t
  [ "$all_projects" = 1 ] || targets=("${projects[@]}")
  for t in "${targets[@]}"; do
    log "dotnet build $t -c Release"
    if ! dotnet build "$t" -c Release; then echo "build failed: $t" >&2; echo "0 passed, 1 failed"; exit 1; fi
  done

  local passed=0 failed=0 skipped=0 proj name rc p f s
  for proj in "${projects[@]}"; do
    name="$(basename "$proj" .csproj)"
    log "dotnet test $proj"
    rc=0
    dotnet test "$proj" -c Release --no-build --logger "trx;LogFileName=$name.trx" \
      --results-directory "$results" ${filter[@]+"${filter[@]}"} ${extra[@]+"${extra[@]}"} || rc=$?
    if [ -f "$results/$name.trx" ] && grep -q '<Counters ' "$results/$name.trx"; then
      read -r p f s <<<"$(trx_counts "$results/$name.trx")"
      passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
      # Non-zero exit but no failed test in the TRX: the run crashed; count it.
      if [ "$rc" != 0 ] && [ "$f" = 0 ]; then
        echo "$name: dotnet test exited $rc without a failed test (crash?): counted as 1 failed" >&2
        failed=$((failed + 1))
      fi
    else
      echo "$name: no test results (exit $rc): counted as 1 failed" >&2
      failed=$((failed + 1))
    fi
  done

  # Keep the TRX files for inspection (TestResults/ is git-ignored).
  mkdir -p TestResults && rm -f TestResults/*.trx && cp "$results"/*.trx TestResults/ 2>/dev/null || true
  if [ "$skipped" -gt 0 ]; then echo "$passed passed, $failed failed, $skipped skipped"
  else echo "$passed passed, $failed failed"; fi
  [ "$failed" = 0 ]
}

cmd_services() {
  begin_services
  echo "# PostgreSQL + Redis are running (data in $TMP). Paste into your shell:"
  echo "export CLEANASSISTANT_TEST_POSTGRES='$CLEANASSISTANT_TEST_POSTGRES'"
  echo "export CLEANASSISTANT_TEST_REDIS='$CLEANASSISTANT_TEST_REDIS'"
  [ -n "${CLEANASSISTANT_TEST_CHROMIUM:-}" ] && echo "export CLEANASSISTANT_TEST_CHROMIUM='$CLEANASSISTANT_TEST_CHROMIUM'"
  echo "# Press Ctrl-C to stop them."
  # `wait` (unlike a foreground sleep) lets the INT/TERM trap run at once.
  while true; do sleep 3600 & SLEEPER=$!; wait "$SLEEPER" || true; done
}

cmd_bench() {
  if [ ! -d tests/Benchmarks ] && [ ! -d tests/Load ]; then
    echo "No benchmarks yet (tests/Benchmarks and tests/Load do not exist)."; return 0
  fi
  begin_services                                # benchmarks/load tests may need the servers too
  # Without arguments run every benchmark (BenchmarkDotNet would otherwise ask which, on stdin).
  [ $# -gt 0 ] || set -- --filter '*'
  [ -d tests/Benchmarks ] && dotnet run -c Release --project tests/Benchmarks -- "$@"
  [ -d tests/Load ] && dotnet run -c Release --project tests/Load
  [ -d tests/Load ] && dotnet run -c Release --project tests/Load -- voice   # spoken-command latency
  return 0
}

case "${1:-}" in
  run)      shift; cmd_run "$@" ;;
  test)     shift; cmd_test "$@" ;;
  services) shift; cmd_services "$@" ;;
  bench)    shift; cmd_bench "$@" ;;
  ""|-h|--help|help) usage ;;
  *)        usage >&2; exit 2 ;;
esac
