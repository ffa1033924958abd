-- beat.lua: records worker ARGV[1]'s beat (ARGV[2], beat time micros ARGV[3]) and forgets workers silent since before ARGV[4].
redis.call('HSET', P .. 'workers', ARGV[1], ARGV[2])
redis.call('ZADD', P .. 'workers-at', ARGV[3], ARGV[1])
local gone = redis.call('ZRANGEBYSCORE', P .. 'workers-at', '-inf', '(' .. ARGV[4])
for _, id in ipairs(gone) do
  redis.call('HDEL', P .. 'workers', id)
  redis.call('ZREM', P .. 'workers-at', id)
end
return {'ok'}
