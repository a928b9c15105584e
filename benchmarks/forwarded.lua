-- wrk script for GET requests from many clients: each request comes from a random address in
-- X-Forwarded-For (the server trusts 127.0.0.1 as its proxy), so the per-client limits count
-- people, not the load generator. Headers given with -H (a staff cookie) are kept.
function init(args)
    math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end

function request()
    local headers = {}
    for name, value in pairs(wrk.headers) do headers[name] = value end
    headers["X-Forwarded-For"] = string.format("10.%d.%d.%d", math.random(0, 255), math.random(0, 255), math.random(1, 254))
    return wrk.format("GET", nil, headers)
end
