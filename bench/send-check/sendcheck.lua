-- wrk script for bench/send-check/run.sh: cycles through 10,000 numbers (+14155550000-9999), API key from KEY, service from SID.
local numbers = {}
local i = 0
function init(args)
  for n = 0, 9999 do numbers[#numbers + 1] = string.format("%%2B1415555%04d", n) end
  i = math.random(#numbers)
end
function request()
  i = i % #numbers + 1
  return wrk.format("GET", "/api/services/" .. os.getenv("SID") .. "/recipients/" .. numbers[i], { ["Authorization"] = "Bearer " .. os.getenv("KEY") })
end
