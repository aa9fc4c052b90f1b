#!/usr/bin/env bash
# Fault injection (issue 5): with load running against the sample app (default cache
# settings, pointed at the fake IdP on 127.0.0.1), the IdP is killed for DOWN seconds and
# started again on the same port. Half of the requests carry tokens cached beforehand,
# half carry never-seen tokens. Prints the requests by phase (before / down / after) and
# status, the recovery time, PASS/FAIL per check, and rewrites the fault-injection part
# of benchmarks/RESULTS.md.
#
#   benchmarks/fault-injection.sh       (~1-2 minutes; SKIP_BUILD=1 reuses the last build)
#
# Environment (defaults in brackets): BEFORE [5], DOWN [5], AFTER [8] seconds,
# LOAD_THREADS [8], CACHED_TOKENS [50], IDP_LATENCY_MS [5], JAVA_OPTS, MVN_FLAGS,
# WRITE_RESULTS=0 to leave RESULTS.md alone.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

BEFORE=${BEFORE:-5}
DOWN=${DOWN:-5}
AFTER=${AFTER:-8}
LOAD_THREADS=${LOAD_THREADS:-8}
CACHED_TOKENS=${CACHED_TOKENS:-50}
IDP_LATENCY_MS=${IDP_LATENCY_MS:-5}

begin_run fault 600

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
	log "building the starter and the sample app (mvn install at the root), and the benchmark tools"
	(cd "$ROOT_DIR" && mvn $MVN_FLAGS -DskipTests install)
	(cd "$BENCH_DIR/tools" && mvn $MVN_FLAGS -DskipTests package)
fi
mkdir -p "$WORK/jars"
cp "$ROOT_DIR/sample-app/target/sample-app-0.1.0-SNAPSHOT.jar" "$WORK/jars/sample.jar"
cp -r "$BENCH_DIR/tools/target/classes" "$WORK/tools"

IDP_PORT=$(java -cp "$WORK/tools" bench.FreePort)
APP_PORT=$(java -cp "$WORK/tools" bench.FreePort)
start_idp idp "$IDP_PORT" "$IDP_LATENCY_MS"
start_bg sample java $JAVA_OPTS -jar "$WORK/jars/sample.jar" --demo-idp.enabled=false \
	--introspection.client-config.url="http://127.0.0.1:$IDP_PORT/introspect" \
	--server.address=127.0.0.1 --server.port="$APP_PORT"
wait_http "http://127.0.0.1:$APP_PORT/public/hello" 240 || { log "sample did not start"; tail -40 "$WORK/sample.log" >&2; exit 1; }
log "sample on 127.0.0.1:$APP_PORT, fake IdP on 127.0.0.1:$IDP_PORT (latency ${IDP_LATENCY_MS} ms)"

log "warming $CACHED_TOKENS cached tokens and the JIT"
java -cp "$WORK/tools" bench.LoadTool fill "http://127.0.0.1:$APP_PORT/api/hello" cached "$CACHED_TOKENS" 8
java -cp "$WORK/tools" bench.LoadTool fill "http://127.0.0.1:$APP_PORT/api/hello" warm 2000 8
wrk -t2 -c16 -d3s -H "Authorization: Bearer valid-cached-1" "http://127.0.0.1:$APP_PORT/api/hello" >/dev/null

TOTAL=$((BEFORE + DOWN + AFTER))
log "load for ${TOTAL}s: ${BEFORE}s before, IdP down ${DOWN}s, ${AFTER}s after"
java -cp "$WORK/tools" bench.LoadTool fault "http://127.0.0.1:$APP_PORT" "$WORK/requests.csv" "$TOTAL" \
	"$CACHED_TOKENS" "$LOAD_THREADS" >"$WORK/load.log" 2>&1 &
LOAD_PID=$!
echo "$LOAD_PID" >>"$WORK/pids"
sleep "$BEFORE"
DOWN_MS=$(date +%s%3N)
{ kill -9 "$PID_idp" && wait "$PID_idp"; } 2>/dev/null || true
log "fake IdP killed"
sleep "$DOWN"
start_idp idp "$IDP_PORT" "$IDP_LATENCY_MS"
UP_MS=$(cut -d' ' -f2 "$WORK/idp.ready")
log "fake IdP listening again"
wait "$LOAD_PID" || true
cat "$WORK/load.log" >&2

DESCRIPTION="Run of $(date -u '+%Y-%m-%d %H:%M UTC') on $(machine_line). Command: \`benchmarks/fault-injection.sh\`"
DESCRIPTION+=" (BEFORE=$BEFORE DOWN=$DOWN AFTER=$AFTER LOAD_THREADS=$LOAD_THREADS CACHED_TOKENS=$CACHED_TOKENS"
DESCRIPTION+=" IDP_LATENCY_MS=$IDP_LATENCY_MS). The sample app runs with its default cache and circuit-breaker settings;"
DESCRIPTION+=" $LOAD_THREADS load threads alternate between one of $CACHED_TOKENS tokens cached beforehand and a never-seen"
DESCRIPTION+=" \`valid-\` token (which the IdP, when up, calls active). The IdP is killed with SIGKILL (connections reset)"
DESCRIPTION+=" and restarted on the same port. A request counts in the phase in which it was sent."
cleanup
java -cp "$WORK/tools" bench.FaultReport "$WORK/requests.csv" "$DOWN_MS" "$UP_MS" "$DESCRIPTION" | tee "$WORK/report.md"
if [[ "${WRITE_RESULTS:-1}" == 1 ]]; then
	java -cp "$WORK/tools" bench.Report --splice "$BENCH_DIR/RESULTS.md" fault-injection "$WORK/report.md"
	log "benchmarks/RESULTS.md updated (raw data: $WORK)"
fi
