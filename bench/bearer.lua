-- wrk script: GET with the bearer token of the JWT environment variable.
wrk.headers["Authorization"] = "Bearer " .. os.getenv("JWT")
