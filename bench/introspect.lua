-- wrk script: POST a random token of the file named by TOKENS_FILE as an RFC 7662 introspection form.
local tokens = {}
for line in io.lines(os.getenv("TOKENS_FILE")) do tokens[#tokens + 1] = line end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("JWT")
request = function()
  return wrk.format(nil, nil, nil, "token=" .. tokens[math.random(#tokens)])
end
