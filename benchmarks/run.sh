#!/usr/bin/env bash
# The benchmark of issue 4: the sample app (this starter) against stock Spring Boot 4
# opaque-token support, a hand-rolled Caffeine cache and Spring MVC without security,
# all pointed at a fast fake RFC 7662 IdP on 127.0.0.1. Builds what it needs, prints a
# table, rewrites the benchmark part of benchmarks/RESULTS.md and renders its requests/s
# per case as benchmarks/results-chart.svg.
#
#   benchmarks/run.sh                 full run (3 interleaved rounds, ~15-18 minutes)
#   QUICK=1 benchmarks/run.sh         smoke run (1 round, 3 s per case, ~5 minutes)
#
# Environment (defaults in brackets): ROUNDS [3], DURATION seconds per measured case [8],
# WARMUP seconds before each case [2], GLOBAL_WARMUP seconds per app before round 1 [8],
# TOKENS distinct tokens of the rotation case [10000], CONNECTIONS [32], THREADS [2],
# JAVA_OPTS for every app [-Xms256m -Xmx1g], SKIP_BUILD=1 to reuse the last build,
# MVN_FLAGS [-q -B] (add -o to build offline), WRITE_RESULTS=0 to leave RESULTS.md and the chart alone.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

if [[ "${QUICK:-0}" == 1 ]]; then
	ROUNDS=${ROUNDS:-1} DURATION=${DURATION:-3} WARMUP=${WARMUP:-1} GLOBAL_WARMUP=${GLOBAL_WARMUP:-3} TOKENS=${TOKENS:-2000}
fi
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-8}
WARMUP=${WARMUP:-2}
GLOBAL_WARMUP=${GLOBAL_WARMUP:-8}
TOKENS=${TOKENS:-10000}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
TTL_PROBE_SECONDS=${TTL_PROBE_SECONDS:-10}
MISS_REQUESTS=${MISS_REQUESTS:-200}
COMMAND="$0${QUICK:+ (QUICK=$QUICK)} ROUNDS=$ROUNDS DURATION=$DURATION WARMUP=$WARMUP TOKENS=$TOKENS"

# the whole run is bounded by MAX_SECONDS: the fake IdP exits by itself after it, and so does the run
begin_run run 2400
STARTED=$(date +%s)

ensure_wrk
build_all

RAW="$WORK/raw.tsv"
EXTRA="$WORK/extra.tsv"
printf 'round\tapp\tcase\tlatency_ms\trps\tp50_us\tp99_us\trequests\tnon2xx\tsocket_errors\tidp_calls\trss_kb\tload1\tcpu_us_per_req\n' >"$RAW"
: >"$EXTRA"

IDP_PORT=$(free_port)
start_idp idp "$IDP_PORT" 20
IDP_URL="http://127.0.0.1:$IDP_PORT/introspect"
log "fake IdP on 127.0.0.1:$IDP_PORT"

declare -A PORT PID
used_ports=" $IDP_PORT "
for app in nosec sample sample-i30 sample-ttl3 stock hand-rolled; do
	while :; do p=$(free_port); [[ "$used_ports" != *" $p "* ]] && break; done
	used_ports+="$p "
	PORT[$app]=$p
done

SAMPLE_ARGS="--demo-idp.enabled=false --introspection.client-config.url=$IDP_URL"
STOCK_ARGS="--spring.security.oauth2.resourceserver.opaquetoken.introspection-uri=$IDP_URL"
start_app() {
	local app=$1; shift
	start_bg "$app" java $JAVA_OPTS -jar "$@" --server.address=127.0.0.1 --server.port="${PORT[$app]}"
	PID[$app]=$(tail -1 "$WORK/pids")
}
start_app nosec "$WORK/jars/no-security.jar"
start_app sample "$WORK/jars/sample.jar" $SAMPLE_ARGS --introspection.cache.inactive-ttl=0s
start_app sample-i30 "$WORK/jars/sample.jar" $SAMPLE_ARGS --introspection.cache.inactive-ttl=30s
start_app sample-ttl3 "$WORK/jars/sample.jar" $SAMPLE_ARGS --introspection.cache.ttl=3s
start_app stock "$WORK/jars/stock.jar" $STOCK_ARGS
start_app hand-rolled "$WORK/jars/hand-rolled.jar" $STOCK_ARGS
for app in "${!PORT[@]}"; do
	wait_http "http://127.0.0.1:${PORT[$app]}/public/hello" 240 || { log "$app did not start"; tail -40 "$WORK/$app.log" >&2; exit 1; }
done
log "apps up: $(for a in "${!PORT[@]}"; do printf '%s=%s ' "$a" "${PORT[$a]}"; done)"

# Sanity: every app answers as expected before anything is measured.
status() { curl -s -o /dev/null -w '%{http_code}' ${2:+-H "Authorization: Bearer $2"} "http://127.0.0.1:${PORT[$1]}$3"; }
for app in sample sample-i30 stock hand-rolled; do
	[[ $(status "$app" valid-sanity /api/hello) == 200 && $(status "$app" invalid-sanity /api/hello) == 401 \
		&& $(status "$app" "" /api/hello) == 401 ]] || { log "sanity check failed for $app"; exit 1; }
done
[[ $(curl -s "http://127.0.0.1:${PORT[sample]}/.well-known/oauth-protected-resource" | grep -c resource) -ge 1 ]] \
	|| { log "RFC 9728 metadata missing"; exit 1; }

load1() { cut -d' ' -f1 /proc/loadavg; }
CLK_TCK=$(getconf CLK_TCK)
# user + system CPU time of a process, in clock ticks
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# wrk_run SECONDS URL [header] -> the BENCH line (env BENCH_* passes through)
wrk_run() {
	local seconds=$1 url=$2 header=${3:-}
	if [[ -n "$header" ]]; then
		wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --timeout 10s -s "$BENCH_DIR/lua/bench.lua" -H "$header" "$url"
	else
		wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --timeout 10s -s "$BENCH_DIR/lua/bench.lua" "$url"
	fi | grep '^BENCH ' || echo "BENCH requests=0"
}
field() { grep -o "$1=[0-9.]*" <<<"$2" | cut -d= -f2; }

# run_case ROUND APP CASE LATENCY
run_case() {
	local round=$1 app=$2 kase=$3 latency=$4 base="http://127.0.0.1:${PORT[$2]}" url header=""
	export BENCH_MODE=fixed BENCH_THREADS=$THREADS
	case $kase in
		public) url="$base/public/hello" ;;
		single) url="$base/api/hello"; header="Authorization: Bearer valid-single-$app" ;;
		invalid) url="$base/api/hello"; header="Authorization: Bearer invalid-token" ;;
		rotate)
			url="$base/api/hello"
			export BENCH_PREFIX="r$round-$latency-$app" BENCH_TOKENS=$TOKENS
			if [[ $app != stock ]]; then
				# first pass: every token introspected once (and cached); measured: the second pass
				java -cp "$WORK/tools" bench.LoadTool fill "$url" "$BENCH_PREFIX" "$TOKENS" "$CONNECTIONS" >>"$WORK/fill.log"
			fi
			export BENCH_MODE=rotate ;;
	esac
	wrk_run "$WARMUP" "$url" "$header" >/dev/null
	local c0 c1 line t0 t1
	c0=$(idp_count "$IDP_PORT")
	t0=$(cpu_ticks "${PID[$app]}")
	line=$(wrk_run "$DURATION" "$url" "$header")
	t1=$(cpu_ticks "${PID[$app]}")
	c1=$(idp_count "$IDP_PORT")
	unset BENCH_PREFIX BENCH_TOKENS
	local errors=$(( $(field connect_err "$line") + $(field read_err "$line") + $(field write_err "$line") + $(field timeouts "$line") ))
	local requests; requests=$(field requests "$line")
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$app" "$kase" "$latency" \
		"$(field rps "$line")" "$(field p50_us "$line")" "$(field p99_us "$line")" "$(field requests "$line")" \
		"$(field non2xx "$line")" "$errors" "$((c1 - c0))" "$(rss_kb "${PID[$app]}")" "$(load1)" \
		"$(( requests > 0 ? (t1 - t0) * 1000000 / CLK_TCK / requests : 0 ))" | tee -a "$RAW" >&2
}

# --- one-off measurements ---------------------------------------------------------------
log "32 concurrent first requests for one new token (IdP latency 20 ms)"
for app in sample hand-rolled stock; do
	for i in 1 2 3; do
		c0=$(idp_count "$IDP_PORT")
		out=$(java -cp "$WORK/tools" bench.LoadTool burst 127.0.0.1 "${PORT[$app]}" /api/hello "valid-burst-$app-$i" 32)
		c1=$(idp_count "$IDP_PORT")
		printf 'burst\t%s\t%s\t%s\t%s\n' "$app" "$i" "$((c1 - c0))" "${out#BURST }" | tee -a "$EXTRA" >&2
	done
done

log "IdP calls for one reused token per cache lifetime (sample with cache.ttl=3s, ${TTL_PROBE_SECONDS}s of load)"
export BENCH_MODE=fixed BENCH_THREADS=$THREADS
ttl_start=$(date +%s.%N)
wrk_run "$TTL_PROBE_SECONDS" "http://127.0.0.1:${PORT[sample-ttl3]}/api/hello" "Authorization: Bearer valid-ttl-probe" >/dev/null
ttl_end=$(date +%s.%N)
printf 'ttl\t3\t%s\t%s\n' "$(awk -v a="$ttl_start" -v b="$ttl_end" 'BEGIN { printf "%.1f", b - a }')" "$(idp_count "$IDP_PORT" valid-ttl-probe)" | tee -a "$EXTRA" >&2
stop_pid "${PID[sample-ttl3]}"
unset 'PORT[sample-ttl3]'

log "miss path: sequential never-seen tokens through the sample and stock vs the same call straight to the IdP (20 ms)"
for app in sample stock; do
	conn0=$(curl -s "http://127.0.0.1:$IDP_PORT/connections")
	out=$(java -cp "$WORK/tools" bench.LoadTool miss "http://127.0.0.1:${PORT[$app]}/api/hello" \
		"http://127.0.0.1:${PORT[$app]}/public/hello" "$IDP_URL" "$MISS_REQUESTS")
	conn1=$(curl -s "http://127.0.0.1:$IDP_PORT/connections")
	# the tool's own direct calls to the IdP take one connection
	printf 'miss\t%s\t%s new_idp_connections=%s\n' "$app" "${out#MISS }" "$((conn1 - conn0 - 1))" | tee -a "$EXTRA" >&2
done

log "heap retained per cached entry"
java -Xmx2g -cp "$TOOLS_CP" bench.HeapPerEntry 20000 | grep '^HEAP' | sed 's/^HEAP /heap\t/' | tee -a "$EXTRA" >&2

# --- warm-up --------------------------------------------------------------------------
log "warm-up: ${GLOBAL_WARMUP}s per app and endpoint"
for app in nosec sample sample-i30 stock hand-rolled; do
	wrk_run "$GLOBAL_WARMUP" "http://127.0.0.1:${PORT[$app]}/public/hello" >/dev/null
	wrk_run "$GLOBAL_WARMUP" "http://127.0.0.1:${PORT[$app]}/api/hello" "Authorization: Bearer valid-single-$app" >/dev/null
done
single_calls_before=$(idp_count "$IDP_PORT" valid-single-sample)
single_since=$(date +%s)

# --- interleaved rounds -----------------------------------------------------------------
CASES_20=(
	"nosec public" "nosec single"
	"sample public" "sample single" "sample rotate" "sample invalid"
	"sample-i30 public" "sample-i30 invalid"
	"stock public" "stock single" "stock rotate" "stock invalid"
	"hand-rolled public" "hand-rolled single" "hand-rolled rotate" "hand-rolled invalid"
)
CASES_0=("stock single" "stock invalid" "sample invalid" "hand-rolled invalid")
for round in $(seq 1 "$ROUNDS"); do
	log "round $round/$ROUNDS: IdP latency 20 ms"
	idp_latency "$IDP_PORT" 20
	n=${#CASES_20[@]}
	# rotate the order of the groups (by app) each round
	for ((k = 0; k < n; k++)); do
		idx=$(( (k + (round - 1) * 4) % n ))
		run_case "$round" ${CASES_20[$idx]} 20
	done
	log "round $round/$ROUNDS: IdP latency 0 ms"
	idp_latency "$IDP_PORT" 0
	for c in "${CASES_0[@]}"; do run_case "$round" $c 0; done
done
single_calls=$(( $(idp_count "$IDP_PORT" valid-single-sample) - single_calls_before ))
printf 'single_token\t%s\t%s\n' "$(( $(date +%s) - single_since ))" "$single_calls" | tee -a "$EXTRA" >&2

ELAPSED=$(( $(date +%s) - STARTED ))
printf 'meta\tdate\t%s\nmeta\tmachine\t%s\nmeta\tcommand\t%s\nmeta\telapsed_s\t%s\nmeta\tconnections\t%s\nmeta\tthreads\t%s\nmeta\tduration_s\t%s\nmeta\trounds\t%s\nmeta\ttokens\t%s\nmeta\tjava_opts\t%s\n' \
	"$(date -u '+%Y-%m-%d %H:%M UTC')" "$(machine_line)" "$COMMAND" "$ELAPSED" "$CONNECTIONS" "$THREADS" "$DURATION" "$ROUNDS" "$TOKENS" "$JAVA_OPTS" >>"$EXTRA"

cleanup
java -cp "$WORK/tools" bench.Report "$RAW" "$EXTRA" >"$WORK/report.md"
cat "$WORK/report.md"
# the headline comparison (requests/s per case and app) as an SVG bar chart
java -cp "$WORK/tools" bench.Chart "$WORK/report.md" "$WORK/results-chart.svg"
if [[ "${WRITE_RESULTS:-1}" == 1 ]]; then
	java -cp "$WORK/tools" bench.Report --splice "$BENCH_DIR/RESULTS.md" benchmark "$WORK/report.md"
	cp "$WORK/results-chart.svg" "$BENCH_DIR/results-chart.svg"
	log "benchmarks/RESULTS.md and benchmarks/results-chart.svg updated (raw data: $WORK)"
fi
