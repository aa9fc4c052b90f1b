-- wrk script for benchmarks/run.sh. Environment:
--   BENCH_MODE   fixed  : the request given on the command line (-H ...), unchanged (wrk's fast path)
--                rotate : GET BENCH_PATH with "Authorization: Bearer valid-<BENCH_PREFIX>-<i>",
--                         i cycling over BENCH_TOKENS tokens (each wrk thread owns every n-th one)
--   BENCH_TOKENS (default 10000), BENCH_PREFIX, BENCH_PATH (default /api/hello)
-- done() prints one machine-readable line starting with "BENCH ".
local mode = os.getenv("BENCH_MODE") or "fixed"
local counter = 1
local threads = {}

function setup(thread)
   thread:set("id", counter)
   counter = counter + 1
   table.insert(threads, thread)
end

if mode ~= "fixed" then
   local reqs = {}
   local n = 0
   local i = 0

   function init(args)
      local total = tonumber(os.getenv("BENCH_TOKENS") or "10000")
      local nthreads = tonumber(os.getenv("BENCH_THREADS") or "2")
      local prefix = os.getenv("BENCH_PREFIX") or "r"
      local path = os.getenv("BENCH_PATH") or "/api/hello"
      for t = id - 1, total - 1, nthreads do
         n = n + 1
         reqs[n] = wrk.format("GET", path, { ["Authorization"] = "Bearer valid-" .. prefix .. "-" .. t })
      end
   end

   function request()
      i = i + 1
      if i > n then i = 1 end
      return reqs[i]
   end

end

function done(summary, latency, requests)
   local e = summary.errors
   io.write(string.format(
      "BENCH requests=%d duration_us=%d rps=%.1f p50_us=%d p99_us=%d non2xx=%d connect_err=%d read_err=%d write_err=%d timeouts=%d\n",
      summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
      latency:percentile(50), latency:percentile(99), e.status, e.connect, e.read, e.write, e.timeout))
end
