-- keyrevoke.lua: revokes active API key ARGV[1] as of ARGV[2] (micros); returns {'1'}, or {'0'} if there is no active key with that id.
local key = P .. 'key:' .. ARGV[1]
if redis.call('EXISTS', key) == 0 or redis.call('HEXISTS', key, 'rv') == 1 then return {'0'} end
redis.call('HSET', key, 'rv', ARGV[2])
return {'1'}
