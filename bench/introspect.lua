-- wrk script: POSTs the tokens of the file named by TOKENS_FILE, in turn, as RFC 7662 introspection forms.
-- The requests are built once up front, so that wrk spends its CPU on sending them, not on formatting.
local requests = {}
local next = 0
init = function()
  local headers = {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Authorization"] = "Bearer " .. os.getenv("JWT"),
  }
  for line in io.lines(os.getenv("TOKENS_FILE")) do
    requests[#requests + 1] = wrk.format("POST", nil, headers, "token=" .. line)
  end
  next = math.random(#requests)
end
request = function()
  next = next % #requests + 1
  return requests[next]
end
