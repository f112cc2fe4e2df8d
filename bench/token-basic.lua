-- wrk script: client credentials with client_secret_basic (the Authorization header of the BASIC variable).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = os.getenv("BASIC")
wrk.body = "grant_type=client_credentials&scope=scim"
