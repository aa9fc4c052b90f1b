#!/usr/bin/env bash
# The fleet (issue 12): REPLICAS sample apps sharing their cache through one Redis, in
# front of the fake IdP at IDP_LATENCY_MS, and two more instances of the same jar with the
# shared tier off (the second is case 4's A/A control). Measures, each in this one run:
#   1. IdP calls per token across the fleet, when every replica meets a new token at
#      the same moment (2 concurrent requests per replica, TOKENS tokens);
#   2. what a Redis hit adds over a local hit: per token, on kept-alive connections
#      (bench.FleetProbe hit), a request on the first replica, then on a second replica
#      the first request (Redis hit), then one more on the first replica and one on the
#      second (local hit: after the same gap), p50 over TOKENS tokens, after HIT_WARM
#      [5000] tokens of the same on 4 threads (so that the JIT has compiled both paths);
#   3. a revocation's time to reach every other replica: the token revoked at the fake
#      IdP, then evicted through the first replica's Actuator endpoint; the others polled
#      in a tight Java loop until each answers 401 (bench.FleetProbe reach), ROUNDS rounds;
#   4. local-hit throughput with the tier on vs off: the same load (wrk, 2 threads,
#      LOAD_CONNECTIONS connections, one token) on the last replica and on the two
#      instances with the tier off, each warmed WARM_SECONDS, in PASSES rotations of
#      LOAD_SECONDS each; the ratio on/off, and off-2/off as the A/A control (what two
#      alike instances differ by on this machine), in requests and in app CPU per request;
#   5. Redis killed mid-run: load on every replica over KILL_TOKENS new tokens, Redis
#      killed (SIGKILL) after a third of KILL_SECONDS; answers by status class (no 5xx).
#
#   benchmarks/fleet.sh        (~4 minutes; SKIP_BUILD=1 reuses the last build)
#
# Environment (defaults in brackets): REPLICAS [3], TOKENS [100], HIT_WARM [5000],
# ROUNDS [50], IDP_LATENCY_MS [20], LOAD_CONNECTIONS [8], WARM_SECONDS [30],
# LOAD_SECONDS [5], PASSES [4], LOAD_THREADS [4] (case 5), KILL_SECONDS [15],
# KILL_TOKENS [3000], JAVA_OPTS, MVN_FLAGS, MAX_SECONDS [900], WRITE_RESULTS=0 to leave
# benchmarks/RESULTS.md alone (else its fleet block is replaced). Redis is the server binary
# inside the embedded-redis test jar (in ~/.m2 after the build), or REDIS_SERVER.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

REPLICAS=${REPLICAS:-3}
TOKENS=${TOKENS:-100}
ROUNDS=${ROUNDS:-50}
IDP_LATENCY_MS=${IDP_LATENCY_MS:-20}
LOAD_THREADS=${LOAD_THREADS:-4}
LOAD_CONNECTIONS=${LOAD_CONNECTIONS:-8}
LOAD_SECONDS=${LOAD_SECONDS:-5}
WARM_SECONDS=${WARM_SECONDS:-30}
PASSES=${PASSES:-4}
KILL_SECONDS=${KILL_SECONDS:-15}
KILL_TOKENS=${KILL_TOKENS:-3000}
# one fixed heap for every instance: a replica whose heap grew in the cases before case 4
# would run its local hits with fewer collections than an instance that only started
JAVA_OPTS="${JAVA_OPTS:--Xms512m -Xmx512m}"

begin_run fleet 900

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
	log "building the starter and the sample app, and the benchmark tools"
	(cd "$ROOT_DIR" && mvn $MVN_FLAGS -DskipTests install)
	(cd "$BENCH_DIR/tools" && mvn $MVN_FLAGS -DskipTests package)
fi
mkdir -p "$WORK/jars"
cp "$ROOT_DIR/sample-app/target/sample-app-0.1.0-SNAPSHOT.jar" "$WORK/jars/sample.jar"
cp -r "$BENCH_DIR/tools/target/classes" "$WORK/tools"

REDIS_SERVER=${REDIS_SERVER:-}
if [[ -z "$REDIS_SERVER" ]]; then
	unzip -o -q -j "$HOME/.m2/repository/com/github/codemonstur/embedded-redis/1.4.3/embedded-redis-1.4.3.jar" \
		redis-server-6.2.6-v5-linux-amd64 -d "$WORK"
	REDIS_SERVER="$WORK/redis-server-6.2.6-v5-linux-amd64"
	chmod +x "$REDIS_SERVER"
fi
REDIS_PORT=$(free_port)
start_bg redis "$REDIS_SERVER" --port "$REDIS_PORT" --bind 127.0.0.1 --save ''

IDP_PORT=$(free_port)
start_idp idp "$IDP_PORT" "$IDP_LATENCY_MS"
IDP_URL="http://127.0.0.1:$IDP_PORT/introspect"
KEY=$(head -c 48 /dev/urandom | base64 | tr -d '\n')
PORTS=()
for i in $(seq 1 "$REPLICAS"); do
	port=$(free_port)
	PORTS+=("$port")
	start_bg "replica-$i" java $JAVA_OPTS -jar "$WORK/jars/sample.jar" --demo-idp.enabled=false \
		--introspection.client-config.url="$IDP_URL" --server.address=127.0.0.1 --server.port="$port" \
		--introspection.cache.shared.enabled=true --introspection.cache.shared.key="$KEY" \
		--spring.data.redis.host=127.0.0.1 --spring.data.redis.port="$REDIS_PORT"
	sleep 2
done
OFF_PORT=$(free_port)
start_bg solo java $JAVA_OPTS -jar "$WORK/jars/sample.jar" --demo-idp.enabled=false \
	--introspection.client-config.url="$IDP_URL" --server.address=127.0.0.1 --server.port="$OFF_PORT" \
	--introspection.cache.shared.enabled=false
# a second instance with the tier off: the A/A control of case 4 (two instances alike)
OFF2_PORT=$(free_port)
start_bg solo2 java $JAVA_OPTS -jar "$WORK/jars/sample.jar" --demo-idp.enabled=false \
	--introspection.client-config.url="$IDP_URL" --server.address=127.0.0.1 --server.port="$OFF2_PORT" \
	--introspection.cache.shared.enabled=false
for port in "${PORTS[@]}" "$OFF_PORT" "$OFF2_PORT"; do
	wait_http "http://127.0.0.1:$port/public/hello" 300 || { log "replica on $port did not start"; exit 1; }
done
probe() { java -cp "$WORK/tools" bench.FleetProbe "$@"; }
field() { grep -o "$1=[0-9.]*" <<<"$2" | cut -d= -f2; }
log "replicas on ${PORTS[*]}, tier off on $OFF_PORT, Redis on $REDIS_PORT, fake IdP on $IDP_PORT (${IDP_LATENCY_MS} ms)"

hello() { curl -s -o /dev/null -w '%{http_code}\n' -H "Authorization: Bearer $2" "http://127.0.0.1:$1/api/hello"; }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# The replicas' first Redis calls and first misses (class loading, cold code) are slower
# than shared.timeout; a running fleet is measured, so each replica serves a few first.
for t in $(seq 1 20); do
	for port in "${PORTS[@]}"; do hello "$port" "valid-warm-$t-$RANDOM" >/dev/null; hello "$port" "valid-warm-shared-$t" >/dev/null; done
done

# 1. IdP calls per token, every replica at once
CALLS="$WORK/calls.txt"
: >"$CALLS"
for t in $(seq 1 "$TOKENS"); do
	token="valid-fleet-$t-$RANDOM"
	pids=()
	for port in "${PORTS[@]}"; do
		hello "$port" "$token" >>"$WORK/statuses.txt" &
		pids+=($!)
		hello "$port" "$token" >>"$WORK/statuses.txt" &
		pids+=($!)
	done
	wait "${pids[@]}"
	idp_count "$IDP_PORT" "$token" | grep -o '[0-9]*' | tail -1 >>"$CALLS"
done
non200=$(grep -vc '^200$' "$WORK/statuses.txt" || true)
calls_total=$(awk '{ s += $1 } END { print s }' "$CALLS")
dist=$(sort -n "$CALLS" | uniq -c | awk '{ printf "%s token(s) with %s call(s); ", $1, $2 }')

# 2. a Redis hit and a local hit on kept-alive connections
log "2. Redis hit vs local hit"
HIT=$(java -cp "$WORK/tools:$(cat "$BENCH_DIR/tools/target/classpath.txt")" bench.FleetProbe hit \
	"http://127.0.0.1:${PORTS[0]}" "http://127.0.0.1:${PORTS[1]}" hit "$TOKENS" "${HIT_WARM:-5000}" \
	"redis://127.0.0.1:$REDIS_PORT")

# 3. a revocation reaching every other replica
log "3. revocation reach"
URLS=()
for port in "${PORTS[@]}"; do URLS+=("http://127.0.0.1:$port"); done
REACH=$(probe reach "http://127.0.0.1:$IDP_PORT" "valid-admin-$RANDOM" "$ROUNDS" "${URLS[@]}")

# 4. local-hit throughput, tier on vs off, alternated (wrk, so that the apps and not the
# load generator are what is measured; the last replica, which served the least so far)
log "4. local-hit throughput, tier on vs off"
ensure_wrk
ON_URL="http://127.0.0.1:${PORTS[$((REPLICAS - 1))]}/api/hello" OFF_URL="http://127.0.0.1:$OFF_PORT/api/hello"
OFF2_URL="http://127.0.0.1:$OFF2_PORT/api/hello"
ON_PID=$(eval echo "\$PID_replica_$REPLICAS")
declare -A URL=([on]=$ON_URL [off]=$OFF_URL [off2]=$OFF2_URL) PID=([on]=$ON_PID [off]=$PID_solo [off2]=$PID_solo2)
declare -A TOTAL=([on]=0 [off]=0 [off2]=0) NON2XX=([on]=0 [off]=0 [off2]=0) TICKS=([on]=0 [off]=0 [off2]=0)
load() {
	BENCH_MODE=fixed wrk -t2 -c"$LOAD_CONNECTIONS" -d"$1"s -s "$BENCH_DIR/lua/bench.lua" \
		-H "Authorization: Bearer valid-single-0" "$2" | grep '^BENCH'
}
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
# all three warmed alike (a local hit keeps getting faster for tens of seconds of load, as
# the JIT works through it), then alternated, the order rotating each pass
for instance in off2 off on; do load "$WARM_SECONDS" "${URL[$instance]}" >/dev/null; done
measure() {
	local line before
	before=$(ticks "${PID[$1]}")
	line=$(load "$LOAD_SECONDS" "${URL[$1]}")
	TICKS[$1]=$((TICKS[$1] + $(ticks "${PID[$1]}") - before))
	TOTAL[$1]=$((TOTAL[$1] + $(field requests "$line")))
	NON2XX[$1]=$((NON2XX[$1] + $(field non2xx "$line") + $(field connect_err "$line") + $(field read_err "$line") + $(field timeouts "$line")))
}
ORDER=(on off off2)
for pass in $(seq 1 "$PASSES"); do
	for i in 0 1 2; do measure "${ORDER[$(((i + pass) % 3))]}"; done
done
rps() { echo $((TOTAL[$1] / (PASSES * LOAD_SECONDS))); }
ratio() { awk -v a="${TOTAL[$1]}" -v b="${TOTAL[$2]}" 'BEGIN { printf "%.3f", a / b }'; }
# app CPU per request: less moved by how the scheduler shared the cores
cpu_ratio() { awk -v a="${TICKS[$1]}" -v n="${TOTAL[$1]}" -v b="${TICKS[$2]}" -v m="${TOTAL[$2]}" 'BEGIN { printf "%.3f", (b / m) / (a / n) }'; }
ratio=$(ratio on off) aa_ratio=$(ratio off2 off) cpu=$(cpu_ratio on off) aa_cpu=$(cpu_ratio off2 off)

# 5. Redis killed during load on every replica
log "5. Redis killed mid-run"
probe load "$KILL_SECONDS" "$LOAD_THREADS" "kill-$RANDOM" "$KILL_TOKENS" "${URLS[@]/%//api/hello}" >"$WORK/kill.txt" &
load_pid=$!
sleep $((KILL_SECONDS / 3))
kill -9 "$PID_redis"
log "Redis killed"
wait "$load_pid"
KILL=$(cat "$WORK/kill.txt")

ms() { awk -v v="$1" 'BEGIN { printf "%.1f", v / 1000 }'; }
verdict() { awk "BEGIN { print ($1) ? \"PASS\" : \"FAIL\" }"; }
added=$(field added_p50_us "$HIT")
reach_p99=$(field p99_us "$REACH")
kill5xx=$(field s5xx "$KILL")
{
	printf 'Run of %s on %s, shared with whatever else runs there. Command: `benchmarks/fleet.sh` (REPLICAS=%s TOKENS=%s ROUNDS=%s IDP_LATENCY_MS=%s LOAD_THREADS=%s LOAD_CONNECTIONS=%s LOAD_SECONDS=%s WARM_SECONDS=%s PASSES=%s KILL_SECONDS=%s KILL_TOKENS=%s): %s replicas of the sample jar with `introspection.cache.shared.enabled=true`, two more with it off, one Redis 6.2.6 (embedded-redis binary), the fake IdP; the Java loops are `bench.FleetProbe` on kept-alive connections. Load average at the end: %s.\n\n' \
		"$(date -u '+%Y-%m-%d %H:%M UTC')" "$(machine_line)" "$REPLICAS" "$TOKENS" "$ROUNDS" "$IDP_LATENCY_MS" "$LOAD_THREADS" \
		"$LOAD_CONNECTIONS" "$LOAD_SECONDS" "$WARM_SECONDS" "$PASSES" "$KILL_SECONDS" "$KILL_TOKENS" "$REPLICAS" "$(cut -d' ' -f1-3 /proc/loadavg)"
	printf '| what | measured | goal | result |\n|---|---|---|---|\n'
	printf '| IdP calls per token, %s replicas x 2 concurrent first requests (curl) | %s calls for %s tokens (%s); non-200: %s | 1 per token | %s |\n' \
		"$REPLICAS" "$calls_total" "$TOKENS" "${dist%; }" "$non200" "$(verdict "$calls_total == $TOKENS && $non200 == 0")"
	printf '| Redis hit (first request on a replica that has not seen the token) vs local hit (a later request there, each after a request on the first replica), %s tokens after %s warm-up tokens | Redis hit p50 %s ms (p99 %s), local hit p50 %s ms (p99 %s); **a Redis hit adds p50 %s ms**; a bare Redis GET through Lettuce from the probe, timed between the same requests: p50 %s ms | < 0.5 ms | %s |\n' \
		"$(field tokens "$HIT")" "${HIT_WARM:-5000}" "$(ms "$(field shared_p50_us "$HIT")")" "$(ms "$(field shared_p99_us "$HIT")")" \
		"$(ms "$(field local_p50_us "$HIT")")" "$(ms "$(field local_p99_us "$HIT")")" "$(ms "$added")" \
		"$(ms "$(field redis_rtt_p50_us "$HIT")")" "$(verdict "$added < 500")"
	printf '| revocation: revoked at the IdP, evicted through replica 1'"'"'s Actuator endpoint, until every other replica answers 401 | p50 %s ms, **p99 %s ms**, max %s ms over %s rounds (%s incomplete) | p99 < 1 s | %s |\n' \
		"$(ms "$(field p50_us "$REACH")")" "$(ms "$reach_p99")" "$(ms "$(field max_us "$REACH")")" "$(field rounds "$REACH")" \
		"$(field incomplete "$REACH")" "$(verdict "$reach_p99 < 1000000 && $(field incomplete "$REACH") == 0")"
	printf '| local-hit throughput, one token, wrk with %s connections, tier on (the last replica) vs off, each warmed %s s, %s x %s s rotated | on %s req/s, off %s req/s, **ratio %s** (app CPU per request, off / on: %s); A/A control, a second instance with the tier off against the first: %s (CPU %s); non-2xx on %s, off %s, off-2 %s | >= 0.95 | %s |\n' \
		"$LOAD_CONNECTIONS" "$WARM_SECONDS" "$PASSES" "$LOAD_SECONDS" "$(rps on)" "$(rps off)" "$ratio" "$cpu" "$aa_ratio" "$aa_cpu" \
		"${NON2XX[on]}" "${NON2XX[off]}" "${NON2XX[off2]}" "$(verdict "$ratio >= 0.95")"
	printf '| Redis killed (SIGKILL) %s s into %s s of load on every replica over %s new tokens | %s answers: 2xx %s, 4xx %s, **5xx %s**, transport errors %s | no 5xx | %s |\n' \
		"$((KILL_SECONDS / 3))" "$KILL_SECONDS" "$KILL_TOKENS" "$(field requests "$KILL")" "$(field s2xx "$KILL")" "$(field s4xx "$KILL")" \
		"$kill5xx" "$(field errors "$KILL")" "$(verdict "$kill5xx == 0 && $(field errors "$KILL") == 0")"
} >"$WORK/report.md"
cat "$WORK/report.md"
if [[ "${WRITE_RESULTS:-1}" == 1 ]]; then
	java -cp "$WORK/tools" bench.Report --splice "$BENCH_DIR/RESULTS.md" fleet "$WORK/report.md"
	log "benchmarks/RESULTS.md updated (raw data: $WORK)"
fi
