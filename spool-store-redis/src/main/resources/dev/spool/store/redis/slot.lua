-- slot.lua: takes (or renews) one of at most ARGV[1] concurrency slots for holder ARGV[2] until ARGV[3], freeing slots expired at ARGV[4].
-- ARGV[5] is the key ttl ms. Returns {'1'} if the holder has the slot now, else {'0'}.
local key = P .. 's'
redis.call('ZREMRANGEBYSCORE', key, '-inf', ARGV[4])
if redis.call('ZSCORE', key, ARGV[2]) or redis.call('ZCARD', key) < tonumber(ARGV[1]) then
  redis.call('ZADD', key, ARGV[3], ARGV[2])
  redis.call('PEXPIRE', key, ARGV[5])
  return {'1'}
end
return {'0'}
