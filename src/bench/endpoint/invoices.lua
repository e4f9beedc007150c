-- wrk script for `npm run bench:endpoint` (bench-only).
-- Each request asks for a random invoice with its owner's id in X-User-Id,
-- so every answer should be a 200; non-2xx answers are counted and reported.
-- Seeding (src/bench/endpoint/seed.ts): invoice i belongs to user ((i-1) % owners) + 1.
-- Arguments after `--`: <invoice count> <owner count>

local invoices, owners = 10000, 100
local thread_no = 0

function setup(thread)
  thread_no = thread_no + 1
  thread:set("thread_no", thread_no)
end

function init(args)
  invoices = tonumber(args[1]) or invoices
  owners = tonumber(args[2]) or owners
  math.randomseed(os.time() * 1000 + (thread_no or 0) * 7919)
end

function request()
  local i = math.random(invoices)
  local owner = ((i - 1) % owners) + 1
  return wrk.format("GET", "/invoices/" .. i, { ["X-User-Id"] = tostring(owner) })
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests":%d,"duration_us":%d,"bytes":%d,"errors_connect":%d,"errors_read":%d,"errors_write":%d,"errors_timeout":%d,"non2xx3xx":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d,"mean_us":%.1f}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.timeout, e.status,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
