-- wrk script: posts pre-signed Twilio inbound requests (made by `LoadGen prepare`), each once, and counts
-- the 2xx answers and those with a reply (<Message>: a keyword match; the mix has no suppressed HELP).
-- Pacing: set env WRK_DELAY_MS to delay each connection's requests (e.g. 12.8 ms x 64 connections = 5,000/s).

local requests = {}
local index, step = 1, 1
ok, matched, other = 0, 0, 0
local threads = {}
local delay_ms = tonumber(os.getenv("WRK_DELAY_MS") or "0")

-- WRK_PORTS="5099,5100": thread i connects to the i-th port (round robin), so one wrk spreads its load over several
-- console instances with the same cost to the machine as for one.
local ports = {}
for p in string.gmatch(os.getenv("WRK_PORTS") or "", "%d+") do ports[#ports + 1] = p end

function setup(thread)
  thread:set("id", #threads + 1)
  if #ports > 0 then
    thread.addr = wrk.lookup("127.0.0.1", ports[(#threads % #ports) + 1])[1]
  end
  table.insert(threads, thread)
end

function init(args)
  -- Each thread keeps only its share (every step-th line) and formats each request once, here: a request() that
  -- only returns a prepared string keeps the load generator's own cost per request low (it shares the two cores).
  step = tonumber(os.getenv("WRK_THREADS") or "1")
  local n = 0
  for line in io.lines(os.getenv("WRK_REQUESTS")) do
    if n % step == id - 1 then
      local tab = string.find(line, "\t", 1, true)
      requests[#requests + 1] = wrk.format("POST", "/api/twilio/sms", {
        ["Content-Type"] = "application/x-www-form-urlencoded",
        ["X-Twilio-Signature"] = string.sub(line, 1, tab - 1),
      }, string.sub(line, tab + 1))
    end
    n = n + 1
  end
end

function request()
  local r = requests[index]
  if r == nil then
    -- Out of unique requests: stop rather than repeat MessageSids (a repeat is cheaper: it would flatter the figures).
    wrk.thread:stop()
    r = requests[1]
  end
  index = index + 1
  return r
end

-- Only a paced run defines delay(): when it exists, wrk sends every request from a timer event, even for a delay of
-- 0 ms, which costs the load generator (on the same two cores) time per request and adds a loop turn to each.
if delay_ms > 0 then
  function delay()
    return delay_ms
  end
end

function response(status, headers, body)
  if status == 200 then
    ok = ok + 1
    if string.find(body, "<Message>", 1, true) then
      matched = matched + 1
    end
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local t_ok, t_matched, t_other = 0, 0, 0
  for _, thread in ipairs(threads) do
    t_ok = t_ok + thread:get("ok")
    t_matched = t_matched + thread:get("matched")
    t_other = t_other + thread:get("other")
  end
  io.write(string.format("RESULT ok=%d matched=%d non2xx=%d errors=%d p50_ms=%.2f p99_ms=%.2f max_ms=%.2f rps=%.0f\n",
    t_ok, t_matched, t_other,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.requests / (summary.duration / 1e6)))
end
