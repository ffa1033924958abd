-- upgrade.lua: moves this partition from key layout 1 to 2 in one step: the per-deployment queues split by workflow version, and runs in flight counted by version.
-- Idempotent: a partition already on layout 2 is left as it is. ARGV: none.
if redis.call('HGET', P .. 'layout', 'v') == '2' then return {'ok'} end
for _, dep in ipairs(redis.call('HKEYS', P .. 'inflight')) do
  for _, kind in ipairs({'q', 'w'}) do
    local old = P .. kind .. ':' .. dep
    local entries = redis.call('ZRANGE', old, 0, -1, 'WITHSCORES')
    for i = 1, #entries, 2 do
      local r = load(entries[i])
      if r then
        local key = kind == 'q' and qkey(r.dep, ver(r)) or wkey(r.dep, ver(r))
        redis.call('ZADD', key, entries[i + 1], entries[i])
        redis.call('SADD', P .. 'qv:' .. r.dep, ver(r))
      end
    end
    redis.call('DEL', old)
  end
end
redis.call('DEL', P .. 'inflight-v')
for _, st in ipairs({'queued', 'running', 'waiting'}) do
  for _, m in ipairs(redis.call('ZRANGE', P .. 'ix:s:' .. st, 0, -1)) do
    local r = load(string.sub(m, 21))
    if r then
      redis.call('HINCRBY', P .. 'inflight-v', ver(r), 1)
      if st ~= 'running' then redis.call('SADD', P .. 'qv:' .. r.dep, ver(r)) end
    end
  end
end
redis.call('HSET', P .. 'layout', 'v', '2')
return {'ok'}
