# Shared helpers for benchmarks/run.sh and benchmarks/fault-injection.sh (sourced).
# Everything listens on 127.0.0.1 only; every process started here is recorded in
# $WORK/pids and killed by cleanup (trap).

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT_DIR="$(cd "$BENCH_DIR/.." && pwd)"
JAVA_OPTS="${JAVA_OPTS:--Xms256m -Xmx1g}"
MVN_FLAGS="${MVN_FLAGS:--q -B}"

log() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*" >&2; }

ensure_wrk() {
	if ! command -v wrk >/dev/null 2>&1; then
		log "installing wrk (Debian package)"
		apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
	fi
}

# Builds the starter and the sample (root aggregator), the benchmark tools and the
# reference apps, then copies every jar into $WORK so that a rebuild in the checkout
# while the benchmark runs cannot pull a jar from under a running JVM.
build_all() {
	if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
		log "building the starter and the sample app (mvn install at the root)"
		(cd "$ROOT_DIR" && mvn $MVN_FLAGS -DskipTests install)
		for project in tools apps/stock apps/hand-rolled apps/no-security; do
			log "building benchmarks/$project"
			(cd "$BENCH_DIR/$project" && mvn $MVN_FLAGS -DskipTests package)
		done
	fi
	mkdir -p "$WORK/jars"
	cp "$ROOT_DIR/sample-app/target/sample-app-0.1.0-SNAPSHOT.jar" "$WORK/jars/sample.jar"
	for app in stock hand-rolled no-security; do
		cp "$BENCH_DIR/apps/$app/target/bench-$app.jar" "$WORK/jars/$app.jar"
	done
	rm -rf "$WORK/tools" && cp -r "$BENCH_DIR/tools/target/classes" "$WORK/tools"
	TOOLS_CP="$WORK/tools:$(cat "$BENCH_DIR/tools/target/classpath.txt")"
}

# A free TCP port on 127.0.0.1 (asks the kernel).
free_port() {
	java -cp "$WORK/tools" bench.FreePort 2>/dev/null || echo $((20000 + RANDOM % 20000))
}

# start_bg NAME COMMAND... : runs in the background, logs to $WORK/NAME.log
start_bg() {
	local name=$1; shift
	"$@" >"$WORK/$name.log" 2>&1 &
	local pid=$!
	echo "$pid" >>"$WORK/pids"
	eval "PID_${name//-/_}=$pid"
}

stop_pid() {
	local pid=$1
	kill "$pid" 2>/dev/null || true
	for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
	kill -9 "$pid" 2>/dev/null || true
}

cleanup() {
	if [[ -f "$WORK/pids" ]]; then
		while read -r pid; do stop_pid "$pid"; done <"$WORK/pids"
		rm -f "$WORK/pids"
	fi
}

# begin_run NAME DEFAULT_MAX_SECONDS : a new $WORK (work/NAME-<time>), every process of the
# run stopped on exit, and a hard bound on the whole run (MAX_SECONDS, else the default):
# the run stops itself then.
begin_run() {
	WORK="$BENCH_DIR/work/$1-$(date +%Y%m%d-%H%M%S)"
	mkdir -p "$WORK"
	trap cleanup EXIT
	trap 'exit 130' INT TERM
	MAX_SECONDS=${MAX_SECONDS:-$2}
	( trap 'kill $s 2>/dev/null; exit 0' TERM; sleep "$MAX_SECONDS" & s=$!; wait $s; log "MAX_SECONDS reached: stopping"; kill -TERM $$ ) &
	echo $! >>"$WORK/pids"
}

# start_idp NAME PORT LATENCY_MS : the fake IdP, waits until it listens
start_idp() {
	local name=$1 port=$2 latency=$3
	rm -f "$WORK/$name.ready"
	start_bg "$name" java -Dsun.net.httpserver.nodelay=true -Xmx512m -cp "$WORK/tools" bench.FakeIdp \
		--port "$port" --latency-ms "$latency" --ready-file "$WORK/$name.ready" --max-seconds "${MAX_SECONDS:-3000}"
	for _ in $(seq 1 100); do [[ -s "$WORK/$name.ready" ]] && return 0; sleep 0.1; done
	log "fake IdP $name did not start"; cat "$WORK/$name.log" >&2; return 1
}

idp_count() { curl -s "http://127.0.0.1:$1/count${2:+?token=$2}"; }
idp_latency() { curl -s -X POST "http://127.0.0.1:$1/latency?ms=$2" >/dev/null; }

# wait_http URL SECONDS : until the URL answers 200
wait_http() {
	local url=$1 limit=${2:-120}
	for _ in $(seq 1 $((limit * 4))); do
		[[ "$(curl -s -o /dev/null -w '%{http_code}' "$url")" == 200 ]] && return 0
		sleep 0.25
	done
	return 1
}

rss_kb() { ps -o rss= -p "$1" | tr -d ' '; }

machine_line() {
	local cpu mem
	cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
	mem=$(free -g | awk '/Mem:/ {print $2 " GiB"}')
	local wrk=""
	command -v wrk >/dev/null 2>&1 && wrk=", $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)"
	echo "$(nproc) cores ($cpu), $mem memory, $(java -version 2>&1 | head -1)$wrk"
}
