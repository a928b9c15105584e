-- wrk script for the booking path: each connection holds a random slot, then confirms the hold
-- with a customer's details (a V-number of their own, as one person books once per product).
-- Counts confirmed bookings per thread and prints bookings/s. Environment: LOKET_BENCH_KEYS (a
-- Lua file returning the slot keys), LOKET_BENCH_DESK and LOKET_BENCH_PRODUCT (default BENCH,
-- BIO), LOKET_BENCH_FORWARDED=1 to come from a random client address each request (a server
-- trusting 127.0.0.1 as its proxy, so the per-client limits count people, not the load generator).
local keys = dofile(os.getenv("LOKET_BENCH_KEYS"))
local desk = os.getenv("LOKET_BENCH_DESK") or "BENCH"
local product = os.getenv("LOKET_BENCH_PRODUCT") or "BIO"
local forwarded = os.getenv("LOKET_BENCH_FORWARDED") == "1"
local threads = {}

function setup(thread)
    table.insert(threads, thread)
end

function init(args)
    pending = {}
    confirms = 0
    holds = 0
    failures = 0
    -- The statuses of the failures, each once ("409 503"): a rate with failures says which.
    failed = ""
    math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end

-- `statuses` with `status` added, unless it is there ("409 503").
local function noted(statuses, status)
    if statuses:find(status, 1, true) then return statuses end
    return statuses .. " " .. status
end

local function headers()
    local h = { ["Content-Type"] = "application/json" }
    if forwarded then
        h["X-Forwarded-For"] = string.format("10.%d.%d.%d", math.random(0, 255), math.random(0, 255), math.random(1, 254))
    end
    return h
end

local function customer()
    return string.format(
        '"customer":{"name":"Bench Mark","email":"bench@example.nl","vNumber":"%010d","language":"en"}',
        math.random(0, 2147483646))
end

function request()
    local held = table.remove(pending)
    if held then
        return wrk.format("POST", "/api/v1/appointments", headers(),
            '{"hold":"' .. held.id .. '","holdToken":"' .. held.token .. '",' .. customer() .. '}')
    end
    local key = keys[math.random(#keys)]
    return wrk.format("POST", "/api/v1/holds", headers(),
        '{"desk":"' .. desk .. '","product":"' .. product .. '","persons":1,"slot":"' .. key .. '"}')
end

function response(status, headers, body)
    if status ~= 201 then
        failures = failures + 1
        failed = noted(failed, tostring(status))
    elseif body:find('"manageToken"', 1, true) then
        confirms = confirms + 1
    else
        holds = holds + 1
        table.insert(pending, { id = body:match('"id":"([^"]+)"'), token = body:match('"token":"([^"]+)"') })
    end
end

function done(summary, latency, requests)
    local c, h, f, statuses = 0, 0, 0, ""
    for _, thread in ipairs(threads) do
        c = c + thread:get("confirms")
        h = h + thread:get("holds")
        f = f + thread:get("failures")
        for status in thread:get("failed"):gmatch("%d+") do statuses = noted(statuses, status) end
    end
    local seconds = summary.duration / 1e6
    io.write(string.format("BOOKINGS %.0f HOLDS %.0f FAILURES %d%s\n", c / seconds, h / seconds, f,
        f > 0 and (" (statuses" .. statuses .. ")") or ""))
end
