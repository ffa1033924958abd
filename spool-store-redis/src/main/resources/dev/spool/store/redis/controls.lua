-- controls.lua: the running runs an owner holds in this partition, with their cancel flag and newest signal seq.
-- ARGV: owner. Returns id, cancel flag, signal seq, repeated.
local owner = ARGV[1]
local key = P .. 'own:' .. owner
local out = {}
for _, id in ipairs(redis.call('ZRANGE', key, 0, -1)) do
  local f = redis.call('HMGET', runkey(id), 'st', 'own', 'cx', 'sig')
  if f[1] == 'running' and f[2] == owner then
    table.insert(out, id)
    table.insert(out, f[3])
    table.insert(out, f[4])
  else
    redis.call('ZREM', key, id)
  end
end
return out
