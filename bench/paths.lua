-- wrk script for bench/run.py: random paths from a file, results as one JSON line.
--
--   wrk -t1 -c16 -d10s --timeout 10s -s bench/paths.lua http://127.0.0.1:8000 -- paths.txt 1
--
-- Each line of the paths file is one "answer": one path, or several separated by spaces that are
-- asked in turn (Datasette needs two requests for an agreement with its provisions). The second
-- argument seeds the random choice of lines.

local lines = {}
local current = nil
local position = 0

function init(args)
  for line in io.lines(args[1]) do
    local parts = {}
    for path in string.gmatch(line, "%S+") do
      parts[#parts + 1] = path
    end
    if #parts > 0 then
      lines[#lines + 1] = parts
    end
  end
  math.randomseed(tonumber(args[2] or "1"))
end

function request()
  if current == nil or position >= #current then
    current = lines[math.random(#lines)]
    position = 0
  end
  position = position + 1
  return wrk.format("GET", current[position])
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests": %d, "duration_us": %d, "bytes": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, '
      .. '"max_us": %d, "mean_us": %.1f, "connect_errors": %d, "read_errors": %d, "write_errors": %d, '
      .. '"status_errors": %d, "timeouts": %d}\n',
    summary.requests, summary.duration, summary.bytes, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, latency.mean, errors.connect, errors.read, errors.write,
    errors.status, errors.timeout
  ))
end
