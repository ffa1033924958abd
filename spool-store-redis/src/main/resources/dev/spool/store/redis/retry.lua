-- retry.lua: requeues a failed or cancelled run from its checkpoints, if the run is as the caller read it.
-- ARGV: id, expected status, expected seq, events (count then 5 each), checkpoints to rewrite (count then field, value each)
-- The rule is RunRules.retry: Controls decides it in Java from the run it read and passes run.retried and the FAILED
-- checkpoints rewritten as RETRIED (RunRules.retried); this script applies them if the run is unchanged.
local id, st, seq = ARGV[1], ARGV[2], ARGV[3]
local r = load(id)
if not r then return {'nosuch'} end
if r.st ~= st or r.seq ~= seq then return {'changed'} end
local rk = runkey(id)
-- no longer finished: its retention ends, and the sweeper must not drop its keys and index entries
redis.call('ZREM', P .. 'done', table.concat({id, r.wf, r.lx, r.st, r.loc or '', r.ik or ''}, '\0'))
redis.call('PERSIST', rk)
redis.call('PERSIST', P .. 'ev:' .. id)
redis.call('PERSIST', P .. 'cp:' .. id)
if r.ik then redis.call('PERSIST', P .. 'idem:' .. r.ik) end
local _, _, i = append(id, r, 4)
local n = tonumber(ARGV[i])
for j = 0, n - 1 do
  redis.call('HSET', P .. 'cp:' .. id, ARGV[i + 1 + j * 2], ARGV[i + 2 + j * 2])
end
redis.call('HDEL', rk, 'res', 'err', 'fa', 'ra', 'own', 'exp', 'ttl')
redis.call('HSET', rk, 'st', 'queued', 'cx', '0', 'rec', '0')
redis.call('ZADD', qkey(r.dep, ver(r)), r.cr, id)
redis.call('SADD', P .. 'qv:' .. r.dep, ver(r))
index_status(id, r, r.st, 'queued')
inflight(r, 1)
return {'ok', redis.call('HGETALL', rk)}
