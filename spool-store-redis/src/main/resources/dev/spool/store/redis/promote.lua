-- promote.lua: makes deployment ARGV[1] active as of ARGV[2] (micros) and retires the one active before.
local dep, now = ARGV[1], ARGV[2]
local cur = redis.call('GET', P .. 'active')
if cur and cur ~= dep then
  local was = redis.call('HGET', P .. 'deploy', cur)
  if was then
    local z = string.find(was, '\0', 1, true)
    redis.call('HSET', P .. 'deploy', cur, 'retired\0' .. string.sub(was, z + 1))
  end
end
redis.call('HSET', P .. 'deploy', dep, 'active\0' .. now)
redis.call('SET', P .. 'active', dep)
return {'ok'}
