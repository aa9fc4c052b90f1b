#!/usr/bin/env bash
# The miss path alone (issue 10, item 7): what a never-seen token adds to a request, in
# stock Spring Boot (spring.security.oauth2.resourceserver.opaquetoken), in a user's own app
# with only the starter and the same dependencies as stock's (apps/starter: the like-for-like
# comparison) and in the sample app (which adds Actuator's observations, three token sources,
# forwarded headers and authority mapping), all against the fake IdP at 20 ms, in ROUNDS interleaved rounds of `LoadTool miss`
# (the same probe as run.sh's: added = miss - unauthenticated request - direct IdP call,
# each on its own kept-alive connection). Prints one line per app and round, then the
# median per app of the per-round p50s and the sample/stock ratio of those medians.
#
#   benchmarks/miss-path.sh        (~2 minutes; SKIP_BUILD=1 reuses the last build)
#
# Environment (defaults in brackets): ROUNDS [5], MISS_REQUESTS [200], IDP_LATENCY_MS [20],
# JAVA_OPTS, MVN_FLAGS, MAX_SECONDS [900], OTHER_SAMPLE_JAR: a sample jar of another build
# (say, of an earlier commit), measured as "other" in the same rounds for an A/B.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

ROUNDS=${ROUNDS:-5}
MISS_REQUESTS=${MISS_REQUESTS:-200}
IDP_LATENCY_MS=${IDP_LATENCY_MS:-20}

begin_run miss 900

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
	log "building the starter and the sample app, the benchmark tools and the stock app"
	(cd "$ROOT_DIR" && mvn $MVN_FLAGS -DskipTests install)
	(cd "$BENCH_DIR/tools" && mvn $MVN_FLAGS -DskipTests package)
	(cd "$BENCH_DIR/apps/stock" && mvn $MVN_FLAGS -DskipTests package)
	(cd "$BENCH_DIR/apps/starter" && mvn $MVN_FLAGS -DskipTests package)
fi
mkdir -p "$WORK/jars"
cp "$ROOT_DIR/sample-app/target/sample-app-0.1.0-SNAPSHOT.jar" "$WORK/jars/sample.jar"
cp "$BENCH_DIR/apps/stock/target/bench-stock.jar" "$WORK/jars/stock.jar"
cp "$BENCH_DIR/apps/starter/target/bench-starter.jar" "$WORK/jars/starter.jar"
APPS=(starter stock sample)
if [[ -n "${OTHER_SAMPLE_JAR:-}" ]]; then
	cp "$OTHER_SAMPLE_JAR" "$WORK/jars/other.jar"
	APPS+=(other)
fi
cp -r "$BENCH_DIR/tools/target/classes" "$WORK/tools"

IDP_PORT=$(free_port)
start_idp idp "$IDP_PORT" "$IDP_LATENCY_MS"
IDP_URL="http://127.0.0.1:$IDP_PORT/introspect"
declare -A PORT
for app in "${APPS[@]}"; do
	PORT[$app]=$(free_port)
	if [[ $app == stock ]]; then
		start_bg "$app" java $JAVA_OPTS -jar "$WORK/jars/stock.jar" \
			--spring.security.oauth2.resourceserver.opaquetoken.introspection-uri="$IDP_URL" \
			--server.address=127.0.0.1 --server.port="${PORT[$app]}"
	else
		start_bg "$app" java $JAVA_OPTS -jar "$WORK/jars/$app.jar" --demo-idp.enabled=false \
			--introspection.client-config.url="$IDP_URL" --server.address=127.0.0.1 --server.port="${PORT[$app]}"
	fi
done
for app in "${APPS[@]}"; do
	wait_http "http://127.0.0.1:${PORT[$app]}/public/hello" 240 || { log "$app did not start"; exit 1; }
done
log "apps: $(for a in "${APPS[@]}"; do printf '%s on %s, ' "$a" "${PORT[$a]}"; done)fake IdP on $IDP_PORT (${IDP_LATENCY_MS} ms)"

RAW="$WORK/miss.tsv"
: >"$RAW"
for round in $(seq 1 "$ROUNDS"); do
	# the order rotates each round
	n=${#APPS[@]}
	for i in $(seq 0 $((n - 1))); do
		app=${APPS[$(((i + round) % n))]}
		port=${PORT[$app]}
		out=$(java -cp "$WORK/tools" bench.LoadTool miss "http://127.0.0.1:$port/api/hello" \
			"http://127.0.0.1:$port/public/hello" "$IDP_URL" "$MISS_REQUESTS")
		added=$(sed -n 's/.*added_p50_us=\([0-9-]*\).*/\1/p' <<<"$out")
		printf '%s\t%s\t%s\t%s\n' "$round" "$app" "$added" "$out" | tee -a "$RAW" >&2
	done
done
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
printf 'Run of %s on %s. Command: `benchmarks/miss-path.sh` (ROUNDS=%s MISS_REQUESTS=%s IDP_LATENCY_MS=%s%s).\n' \
	"$(date -u '+%Y-%m-%d %H:%M UTC')" "$(machine_line)" "$ROUNDS" "$MISS_REQUESTS" "$IDP_LATENCY_MS" \
	"${OTHER_SAMPLE_JAR:+ OTHER_SAMPLE_JAR=$OTHER_SAMPLE_JAR}"
stock_p50=$(awk -F'\t' '$2 == "stock" { print $3 }' "$RAW" | median)
for app in "${APPS[@]}"; do
	p50=$(awk -F'\t' -v a="$app" '$2 == a { print $3 }' "$RAW" | median)
	printf 'miss path added, median of per-round p50s: %s %s us (%s x stock)\n' "$app" "$p50" \
		"$(awk -v a="$p50" -v b="$stock_p50" 'BEGIN { printf "%.2f", a / b }')"
done
