-- wrk script: client credentials with an RFC 7523 client assertion per request, from the file named by
-- ASSERTIONS_FILE: each assertion's jti is used once, so each thread takes its own lines (thread i: lines i, i+n,
-- ...) and never two threads the same. A file too short for the run wraps around, and its replays are refused
-- (401, counted as errors): give the run more assertions (BENCH_ASSERTIONS).
local threads = {}
local counter = 0
setup = function(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end
local requests = {}
local next = 0
init = function()
  local n = tonumber(os.getenv("WRK_THREADS") or "2")
  local headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }
  local prefix = "grant_type=client_credentials&scope=scim&client_id=" .. os.getenv("CLIENT_ID")
    .. "&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion="
  local index = 0
  for line in io.lines(os.getenv("ASSERTIONS_FILE")) do
    if index % n == id then
      requests[#requests + 1] = wrk.format("POST", nil, headers, prefix .. line)
    end
    index = index + 1
  end
end
request = function()
  next = next % #requests + 1
  return requests[next]
end
