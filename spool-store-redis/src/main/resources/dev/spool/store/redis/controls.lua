-- controls.lua: the running runs an owner holds in this partition that have a cancel request or a signal (its
-- attention set, kept by claim, cancel and signal), with their cancel flag and newest signal seq.
-- ARGV: owner. Returns id, cancel flag, signal seq, repeated.
local owner = ARGV[1]
local key = P .. 'attn:' .. owner
local out = {}
for _, id in ipairs(redis.call('ZRANGE', key, 0, -1)) do
  local f = redis.call('HMGET', runkey(id), 'st', 'own', 'cx', 'sig')
  if f[1] == 'running' and f[2] == owner then
    table.insert(out, id)
    table.insert(out, f[3] or '0')
    table.insert(out, f[4] or '0')
  else
    redis.call('ZREM', key, id)
  end
end
return out
