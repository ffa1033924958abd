-- hold.lua: holds a token bucket until ARGV[1] (micros), extending an earlier hold and never shortening it; ARGV[2] is the key ttl ms.
local cur = redis.call('GET', P .. 'h')
if not cur or tonumber(ARGV[1]) > tonumber(cur) then
  redis.call('SET', P .. 'h', ARGV[1])
end
redis.call('PEXPIRE', P .. 'h', ARGV[2])
return {'ok'}
