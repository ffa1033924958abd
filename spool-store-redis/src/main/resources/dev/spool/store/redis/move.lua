-- move.lua: moves this partition's runs pinned to deployment ARGV[1] that are queued and never started (RunRules.movable) to ARGV[2]; returns how many.
local from, to = ARGV[1], ARGV[2]
local moved = 0
for _, v in ipairs(redis.call('SMEMBERS', P .. 'qv:' .. from)) do
  local q = qkey(from, v)
  for _, id in ipairs(redis.call('ZRANGE', q, 0, -1)) do
    local r = load(id)
    if r and r.dep == from and r.st == 'queued' and r.att == '0' then
      redis.call('ZREM', q, id)
      redis.call('ZADD', qkey(to, v), r.cr, id)
      redis.call('SADD', P .. 'qv:' .. to, v)
      redis.call('HSET', runkey(id), 'dep', to)
      inflight(r, -1)
      r.dep = to
      inflight(r, 1)
      moved = moved + 1
    end
  end
end
return {fmt(moved)}
