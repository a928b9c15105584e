-- wrk script for the booking path: each connection holds a random slot, then confirms the hold
-- with a customer's details. Counts confirmed bookings per thread and prints bookings/s.
local keys = dofile(os.getenv("LOKET_BENCH_KEYS"))
local threads = {}

function setup(thread)
    table.insert(threads, thread)
end

function init(args)
    pending = {}
    confirms = 0
    holds = 0
    failures = 0
    math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end

local customer = '"customer":{"name":"Bench Mark","email":"bench@example.nl","vNumber":"1234567890","language":"en"}'
local json = { ["Content-Type"] = "application/json" }

function request()
    local held = table.remove(pending)
    if held then
        return wrk.format("POST", "/api/v1/appointments", json,
            '{"hold":"' .. held.id .. '","holdToken":"' .. held.token .. '",' .. customer .. '}')
    end
    local key = keys[math.random(#keys)]
    return wrk.format("POST", "/api/v1/holds", json, '{"desk":"BENCH","product":"BIO","persons":1,"slot":"' .. key .. '"}')
end

function response(status, headers, body)
    if status ~= 201 then
        failures = failures + 1
    elseif body:find('"manageToken"', 1, true) then
        confirms = confirms + 1
    else
        holds = holds + 1
        table.insert(pending, { id = body:match('"id":"([^"]+)"'), token = body:match('"token":"([^"]+)"') })
    end
end

function done(summary, latency, requests)
    local c, h, f = 0, 0, 0
    for _, thread in ipairs(threads) do
        c = c + thread:get("confirms")
        h = h + thread:get("holds")
        f = f + thread:get("failures")
    end
    local seconds = summary.duration / 1e6
    io.write(string.format("BOOKINGS %.0f HOLDS %.0f FAILURES %d\n", c / seconds, h / seconds, f))
end
