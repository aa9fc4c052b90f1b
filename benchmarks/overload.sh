#!/usr/bin/env bash
# Overload (issue 10): a burst of BURST concurrent requests, each with a never-seen token,
# against the sample app while its IdP fails, in two scenarios, each with a fresh app and
# fake IdP on 127.0.0.1:
#   hang     the IdP accepts connections and reads the calls but never answers;
#   slow503  the IdP answers every call 503 after SLOW_503_MS;
#   control  the IdP stays healthy and the burst goes, without a token, to the public
#            endpoint: what a burst of that size costs the machine alone, the reference for
#            "normal latency during the burst".
# Meanwhile the public endpoint and cached tokens are probed every PROBE_MS. Prints, per
# scenario, their latency before and during the burst, the burst's statuses and slowest
# request, IdP calls per burst request, WARN lines of the incident and the recovery time
# once the IdP answers again, with PASS/FAIL for the issue's targets, and rewrites the
# overload part of benchmarks/RESULTS.md.
#
#   benchmarks/overload.sh       (~2-4 minutes; SKIP_BUILD=1 reuses the last build)
#
# Environment (defaults in brackets): BURST [400], SCENARIOS ["control hang slow503"],
# SLOW_503_MS [1000], IDP_TIMEOUT [2s] (introspection.client-config.timeout),
# CACHED_TOKENS [50], PROBE_MS [20], BASELINE [3] s, BURST_MAX_SECONDS [45] (burst requests
# still unanswered then count as "no answer"), RECOVERY_MAX_SECONDS [30], IDP_LATENCY_MS [5]
# (healthy IdP), WARM_TOKENS [500] (JIT warm-up), LOG_SETTLE [2] s (log lines counted that long
# after the recovery), EXTRA_APP_ARGS (more arguments for the app, e.g. the new client-config
# settings), JAVA_OPTS, MVN_FLAGS, MAX_SECONDS [600], WRITE_RESULTS=0 to leave RESULTS.md alone.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

BURST=${BURST:-400}
SCENARIOS=${SCENARIOS:-control hang slow503}
SLOW_503_MS=${SLOW_503_MS:-1000}
IDP_TIMEOUT=${IDP_TIMEOUT:-2s}
CACHED_TOKENS=${CACHED_TOKENS:-50}
PROBE_MS=${PROBE_MS:-20}
BASELINE=${BASELINE:-3}
BURST_MAX_SECONDS=${BURST_MAX_SECONDS:-45}
RECOVERY_MAX_SECONDS=${RECOVERY_MAX_SECONDS:-30}
IDP_LATENCY_MS=${IDP_LATENCY_MS:-5}
WARM_TOKENS=${WARM_TOKENS:-500}
LOG_SETTLE=${LOG_SETTLE:-2}
EXTRA_APP_ARGS=${EXTRA_APP_ARGS:-}

begin_run overload 600

# Runs a command in the background and waits for it: bash runs a trap only once the
# foreground command has ended, but interrupts `wait`, so MAX_SECONDS stops a run at once.
run_waited() {
	"$@" &
	local pid=$!
	echo "$pid" >>"$WORK/pids"
	wait "$pid"
}

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
	log "building the starter and the sample app (mvn install at the root), and the benchmark tools"
	(cd "$ROOT_DIR" && mvn $MVN_FLAGS -DskipTests install)
	(cd "$BENCH_DIR/tools" && mvn $MVN_FLAGS -DskipTests package)
fi
mkdir -p "$WORK/jars"
cp "$ROOT_DIR/sample-app/target/sample-app-0.1.0-SNAPSHOT.jar" "$WORK/jars/sample.jar"
cp -r "$BENCH_DIR/tools/target/classes" "$WORK/tools"
# the 400 burst connections plus the probes' and the app's
if [[ "$(ulimit -n)" != unlimited && "$(ulimit -n)" -lt 8192 ]]; then ulimit -n 8192 2>/dev/null || ulimit -n "$(ulimit -Hn)" || true; fi

for scenario in $SCENARIOS; do
	case "$scenario" in
		hang) MODE=hang ;;
		slow503) MODE="slow503=$SLOW_503_MS" ;;
		control) MODE=control ;;
		*) log "unknown scenario $scenario (control, hang, slow503)"; exit 2 ;;
	esac
	OUT="$WORK/$scenario"
	mkdir -p "$OUT"
	IDP_PORT=$(java -cp "$WORK/tools" bench.FreePort)
	APP_PORT=$(java -cp "$WORK/tools" bench.FreePort)
	start_idp "idp-$scenario" "$IDP_PORT" "$IDP_LATENCY_MS"
	# shellcheck disable=SC2086 # EXTRA_APP_ARGS is a list of arguments
	start_bg "app-$scenario" java $JAVA_OPTS -jar "$WORK/jars/sample.jar" --demo-idp.enabled=false \
		--introspection.client-config.url="http://127.0.0.1:$IDP_PORT/introspect" \
		--introspection.client-config.timeout="$IDP_TIMEOUT" \
		--server.address=127.0.0.1 --server.port="$APP_PORT" $EXTRA_APP_ARGS
	APP_PID_VAR="PID_app_$scenario"
	IDP_PID_VAR="PID_idp_$scenario"
	APP_LOG="$WORK/app-$scenario.log"
	wait_http "http://127.0.0.1:$APP_PORT/public/hello" 240 || { log "sample did not start"; tail -40 "$APP_LOG" >&2; exit 1; }
	log "$scenario: sample on 127.0.0.1:$APP_PORT, fake IdP on 127.0.0.1:$IDP_PORT"

	log "$scenario: warming the JIT ($WARM_TOKENS tokens through a healthy IdP, and as many it answers inactive)"
	run_waited java -cp "$WORK/tools" bench.LoadTool fill "http://127.0.0.1:$APP_PORT/api/hello" warm "$WARM_TOKENS" 8 >&2
	# a running API answers invalid tokens too: its error answers' code is not met cold by
	# the first outage
	run_waited java -cp "$WORK/tools" bench.LoadTool fill "http://127.0.0.1:$APP_PORT/api/hello" warm "$WARM_TOKENS" 8 \
		invalid >&2

	log "$scenario: $CACHED_TOKENS cached tokens, ${BASELINE}s baseline, then IdP $MODE and a burst of $BURST new tokens"
	LOG_OFFSET=$(wc -l <"$APP_LOG")
	run_waited java -cp "$WORK/tools" bench.LoadTool overload "http://127.0.0.1:$APP_PORT" "http://127.0.0.1:$IDP_PORT" \
		"$MODE" "$OUT" "$BURST" "$CACHED_TOKENS" "$BASELINE" "$BURST_MAX_SECONDS" "$RECOVERY_MAX_SECONDS" \
		"$PROBE_MS" >"$OUT/load.log" 2>&1 || { cat "$OUT/load.log" >&2; exit 1; }
	cat "$OUT/load.log" >&2
	sleep "$LOG_SETTLE"
	# the incident: from the start of the load tool (cached tokens, baseline: no WARN
	# expected) to LOG_SETTLE seconds after the recovery
	tail -n "+$((LOG_OFFSET + 1))" "$APP_LOG" >"$OUT/incident.log"
	{
		echo "scenario=$scenario"
		echo "loadavg=$(cut -d' ' -f1 /proc/loadavg)"
		echo "rss_kb=$(rss_kb "${!APP_PID_VAR}")"
	} >>"$OUT/summary.properties"
	stop_pid "${!APP_PID_VAR}"
	stop_pid "${!IDP_PID_VAR}"
done

BUILD=$(git -C "$ROOT_DIR" rev-parse --short HEAD 2>/dev/null || echo unknown)
git -C "$ROOT_DIR" diff --quiet HEAD -- . ':!benchmarks' 2>/dev/null || BUILD+=" with uncommitted changes"
[[ "${SKIP_BUILD:-0}" == 1 ]] && BUILD+=", jar of the last build (SKIP_BUILD=1)"
DESCRIPTION="Run of $(date -u '+%Y-%m-%d %H:%M UTC') on $(machine_line), checkout at commit $BUILD. Command: \`benchmarks/overload.sh\` (BURST=$BURST"
DESCRIPTION+=" SLOW_503_MS=$SLOW_503_MS IDP_TIMEOUT=$IDP_TIMEOUT CACHED_TOKENS=$CACHED_TOKENS PROBE_MS=$PROBE_MS"
DESCRIPTION+=" BASELINE=$BASELINE BURST_MAX_SECONDS=$BURST_MAX_SECONDS WARM_TOKENS=$WARM_TOKENS${EXTRA_APP_ARGS:+ EXTRA_APP_ARGS=\"$EXTRA_APP_ARGS\"})."
DESCRIPTION+=" The sample app (\`--demo-idp.enabled=false --introspection.client-config.timeout=$IDP_TIMEOUT\`,"
DESCRIPTION+=" other settings default${EXTRA_APP_ARGS:+ but EXTRA_APP_ARGS}, Tomcat's 200 threads) and a fake IdP are started afresh for each"
DESCRIPTION+=" scenario. After ${BASELINE} s of probes with a healthy IdP, the IdP starts failing and one"
DESCRIPTION+=" request with a never-seen token is written on each of $BURST open connections, one after the other; every ${PROBE_MS} ms"
DESCRIPTION+=" a \`GET /public/hello\` and a request with one of $CACHED_TOKENS cached tokens are sent on schedule"
DESCRIPTION+=" (\"during the burst\": sent between the burst's start and its last answer). Then the IdP answers"
DESCRIPTION+=" again, and a never-seen token is tried every 50 ms until one gets 200. In the control scenario the IdP stays"
DESCRIPTION+=" healthy and the burst's requests go, without a token, to the public endpoint."
cleanup
java -cp "$WORK/tools" bench.OverloadReport "$IDP_TIMEOUT" "$DESCRIPTION" $(for s in $SCENARIOS; do echo "$WORK/$s"; done) \
	| tee "$WORK/report.md"
if [[ "${WRITE_RESULTS:-1}" == 1 ]]; then
	java -cp "$WORK/tools" bench.Report --splice "$BENCH_DIR/RESULTS.md" overload "$WORK/report.md"
	log "benchmarks/RESULTS.md updated (raw data: $WORK)"
fi
