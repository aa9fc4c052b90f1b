#!/usr/bin/env bash
# The fleet (issue 12): REPLICAS sample apps sharing their cache through one Redis, in
# front of the fake IdP at IDP_LATENCY_MS. Measures
#   1. IdP calls per token across the fleet, when every replica meets a new token at
#      the same moment (2 concurrent requests per replica, TOKENS tokens);
#   2. what a Redis hit adds over a local hit: per token, on a kept-alive connection to a
#      replica that has not seen it yet, the first request (shared tier) and the second
#      (local tier), p50 of each over TOKENS tokens;
#   3. how long an eviction on one replica takes to reach another: POST
#      /actuator/introspection on the first replica, then requests on another every few
#      ms until one asks the IdP again (the time includes one request), ROUNDS rounds.
#
#   benchmarks/fleet.sh        (~3 minutes; SKIP_BUILD=1 reuses the last build)
#
# Environment (defaults in brackets): REPLICAS [3], TOKENS [100], ROUNDS [20],
# IDP_LATENCY_MS [20], JAVA_OPTS, MVN_FLAGS, MAX_SECONDS [900]. Redis is the server binary
# inside the embedded-redis test jar (in ~/.m2 after the build), or REDIS_SERVER.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

REPLICAS=${REPLICAS:-3}
TOKENS=${TOKENS:-100}
ROUNDS=${ROUNDS:-20}
IDP_LATENCY_MS=${IDP_LATENCY_MS:-20}
JAVA_OPTS="${JAVA_OPTS:--Xms128m -Xmx512m}"

WORK="$BENCH_DIR/work/fleet-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$WORK"
trap cleanup EXIT
trap 'exit 130' INT TERM
MAX_SECONDS=${MAX_SECONDS:-900}
( trap 'kill $s 2>/dev/null; exit 0' TERM; sleep "$MAX_SECONDS" & s=$!; wait $s; log "MAX_SECONDS reached: stopping"; kill -TERM $$ ) &
echo $! >>"$WORK/pids"

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
for port in "${PORTS[@]}"; do
	wait_http "http://127.0.0.1:$port/public/hello" 300 || { log "replica on $port did not start"; exit 1; }
done
log "replicas on ${PORTS[*]}, Redis on $REDIS_PORT, fake IdP on $IDP_PORT (${IDP_LATENCY_MS} ms)"

hello() { curl -s -o /dev/null -w '%{http_code}\n' -H "Authorization: Bearer $2" "http://127.0.0.1:$1/api/hello"; }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

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

# 2. a Redis hit and a local hit on a kept-alive connection
SHARED="$WORK/shared-hit.txt" LOCAL="$WORK/local-hit.txt"
: >"$SHARED"; : >"$LOCAL"
for t in $(seq 1 "$TOKENS"); do
	token="valid-hit-$t-$RANDOM"
	hello "${PORTS[0]}" "$token" >/dev/null
	url="http://127.0.0.1:${PORTS[1]}"
	out=$(curl -s -o /dev/null -w '%{time_total}\n' "$url/public/hello" \
		--next -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $token" "$url/api/hello" \
		--next -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $token" "$url/api/hello")
	sed -n 2p <<<"$out" | awk '{ printf "%d\n", $1 * 1000000 }' >>"$SHARED"
	sed -n 3p <<<"$out" | awk '{ printf "%d\n", $1 * 1000000 }' >>"$LOCAL"
done
shared_p50=$(median <"$SHARED")
local_p50=$(median <"$LOCAL")

# 3. eviction on the first replica reaching another
ADMIN="valid-admin-$RANDOM"
REACH="$WORK/reach.txt"
: >"$REACH"
for r in $(seq 1 "$ROUNDS"); do
	token="valid-evict-$r-$RANDOM"
	other=${PORTS[$((1 + r % (REPLICAS - 1)))]}
	hello "${PORTS[0]}" "$token" >/dev/null
	hello "$other" "$token" >/dev/null
	before=$(idp_count "$IDP_PORT" "$token" | grep -o '[0-9]*' | tail -1)
	start=$(date +%s%N)
	curl -s -o /dev/null -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
		-d "{\"token\":\"$token\"}" "http://127.0.0.1:${PORTS[0]}/actuator/introspection"
	for _ in $(seq 1 500); do
		hello "$other" "$token" >/dev/null
		now=$(idp_count "$IDP_PORT" "$token" | grep -o '[0-9]*' | tail -1)
		if ((now > before)); then
			echo $((($(date +%s%N) - start) / 1000000)) >>"$REACH"
			break
		fi
	done
done
reach_p50=$(median <"$REACH")
reach_max=$(sort -n "$REACH" | tail -1)

printf 'Run of %s on %s. Command: `benchmarks/fleet.sh` (REPLICAS=%s TOKENS=%s ROUNDS=%s IDP_LATENCY_MS=%s).\n' \
	"$(date -u '+%Y-%m-%d %H:%M UTC')" "$(machine_line)" "$REPLICAS" "$TOKENS" "$ROUNDS" "$IDP_LATENCY_MS"
printf 'IdP calls per token, %s replicas x 2 concurrent first requests: %s in all for %s tokens (%s); non-200 answers: %s\n' \
	"$REPLICAS" "$calls_total" "$TOKENS" "${dist%; }" "$non200"
printf 'first request on a replica that has not seen the token (Redis hit) p50 %s us; second (local hit) p50 %s us; a Redis hit adds %s us\n' \
	"$shared_p50" "$local_p50" "$(awk -v a="$shared_p50" -v b="$local_p50" 'BEGIN { print a - b }')"
printf 'eviction on one replica until another asks the IdP again (incl. one request): p50 %s ms, max %s ms over %s rounds\n' \
	"$reach_p50" "$reach_max" "$(wc -l <"$REACH")"
