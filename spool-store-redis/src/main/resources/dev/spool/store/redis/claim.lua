-- claim.lua: leases a claimable run a worker of the deployment can run (the oldest, or the one named) to an owner: bumps epoch and attempt, sets it running.
-- What is claimable is RunRules.claimable, and what this worker may take RunRules.placeable (lib.lua's claimable(), placeable() and best()).
-- Returns the run's hash as the claim left it and its checkpoints with the lease, so the worker reads nothing more to resume it.
-- ARGV: owner, deployment, now micros, lease expiry micros, ttl micros, run id ('' = the oldest), dead owner ('' none),
--       runnable versions ('wf@ver,…', or '*' any)
local owner, dep, now, exp, ttl, only, takeover, runnable =
  ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7], ARGV[8]
local id
if only ~= '' then
  local r = load(only)
  if not r then return {'nosuch'} end
  if not placeable(r, dep, runnable) or not claimable(r, now, takeover) then return {'none'} end
  id = only
else
  id = best(dep, runnable, now, takeover)
  if id == nil then return {'none'} end
end
local r = load(id)
local rk = runkey(id)
local ep = redis.call('HINCRBY', rk, 'ep', 1)
local att = redis.call('HINCRBY', rk, 'att', 1)
if r.st == 'running' then release(id, r) end
redis.call('ZREM', qkey(r.dep, ver(r)), id)
redis.call('ZREM', wkey(r.dep, ver(r)), id)
redis.call('HSET', rk, 'st', 'running', 'own', owner, 'exp', exp, 'ttl', ttl, 'hb', now)
redis.call('HSETNX', rk, 'sa', now)
redis.call('HDEL', rk, 'ra')
redis.call('ZADD', P .. 'lease', exp, id)
redis.call('ZADD', P .. 'own:' .. owner, r.cr, id)
if r.cx == '1' or tonumber(r.sig or '0') > 0 then redis.call('ZADD', P .. 'attn:' .. owner, r.cr, id) end
if r.st ~= 'running' then index_status(id, r, r.st, 'running') end
return {'ok', id, fmt(ep), fmt(att), redis.call('HGETALL', rk), redis.call('HGETALL', P .. 'cp:' .. id)}
