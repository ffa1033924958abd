-- take.lua: takes tokens from a token bucket unless it is held or short, with TokenMath's arithmetic (IEEE doubles, same order).
-- KEYS[1] is the limit's prefix. ARGV: cost, capacity, period nanos, now micros, now's nanos below the micro, key ttl ms.
-- Returns {'ok'}, {'hold', micros left} or {'wait', millis}.
local cost, cap, period = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local now, sub, ttl = tonumber(ARGV[4]), tonumber(ARGV[5]), ARGV[6]
local hold = redis.call('GET', P .. 'h')
if hold and tonumber(hold) > now then return {'hold', fmt(tonumber(hold) - now)} end
local b = redis.call('HMGET', P .. 'b', 'tokens', 'at')
local tokens, at = cap, now
if b[1] then
  local was = tonumber(b[2])
  local elapsed = (now - was) * 1000 + sub
  if elapsed < 0 then elapsed = 0 end
  tokens = math.min(cap, tonumber(b[1]) + elapsed * cap / period)
  if was > now or (was == now and sub == 0) then at = was end
end
if tokens < cost then
  local millis = math.ceil((cost - tokens) * period / cap / 1000000.0)
  if millis < 1 then millis = 1 end
  return {'wait', fmt(millis)}
end
redis.call('HSET', P .. 'b', 'tokens', string.format('%.17g', tokens - cost), 'at', fmt(at))
redis.call('PEXPIRE', P .. 'b', ttl)
return {'ok'}
