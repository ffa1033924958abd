-- expired.lua: up to ARGV[2] running runs of this partition whose lease expired before ARGV[1] (micros), oldest expiry first, as hashes.
local out = {}
for _, id in ipairs(redis.call('ZRANGEBYSCORE', P .. 'lease', '-inf', '(' .. ARGV[1], 'LIMIT', 0, ARGV[2])) do
  local f = redis.call('HGETALL', runkey(id))
  if #f > 0 then table.insert(out, f) end
end
return out
