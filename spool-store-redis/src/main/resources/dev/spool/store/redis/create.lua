-- create.lua: creates a queued run with its run.queued event and index entries, or returns the run its idempotency key names.
-- ARGV: id, workflow, version, input, created micros, lex key, deployment, idempotency key ('' none),
--       locator partition ('' none), this partition, run.forked data ('' not a fork),
--       seed checkpoints (count then field, value each)
-- The events are RunRules.created: run.queued at the creation time, attempt 0, data '{}'; then, for a fork, run.forked.
local id, wf, version, input, cr, lx, dep, ik, loc, part =
  ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7], ARGV[8], ARGV[9], ARGV[10]
if ik ~= '' then
  local existing = redis.call('GET', P .. 'idem:' .. ik)
  if existing then
    local f = redis.call('HGETALL', runkey(existing))
    if #f > 0 then return {'exists', f} end
    redis.call('DEL', P .. 'idem:' .. ik)
  end
end
-- the id is taken by a run here, or (for a run placed here by its own id) by a run placed elsewhere
if redis.call('EXISTS', runkey(id)) == 1 then return {'dup'} end
if loc == '' and redis.call('EXISTS', P .. 'loc:' .. id) == 1 then return {'dup'} end
local forked = ARGV[11]
local rk = runkey(id)
redis.call('DEL', P .. 'ev:' .. id, P .. 'cp:' .. id)
redis.call('HSET', rk, 'id', id, 'wf', wf, 'ver', version, 'st', 'queued', 'in', input, 'cr', cr,
  'lx', lx, 'seq', '1', 'lts', cr, 'dep', dep, 'att', '0', 'ep', '0', 'rec', '0', 'sig', '0',
  'cx', '0', 'p', part)
if ik ~= '' then
  redis.call('HSET', rk, 'ik', ik)
  redis.call('SET', P .. 'idem:' .. ik, id)
end
if loc ~= '' then redis.call('HSET', rk, 'loc', loc) end
redis.call('XADD', P .. 'ev:' .. id, '0-1', 't', 'run.queued', 'ts', cr, 'p', '', 'a', '0', 'd', '{}')
if forked ~= '' then
  redis.call('XADD', P .. 'ev:' .. id, '0-2', 't', 'run.forked', 'ts', cr, 'p', '', 'a', '0', 'd', forked)
  redis.call('HSET', rk, 'seq', '2')
  local n = tonumber(ARGV[12])
  for j = 0, n - 1 do
    redis.call('HSET', P .. 'cp:' .. id, ARGV[13 + j * 2], ARGV[14 + j * 2])
  end
end
local r = {dep = dep, wf = wf, ver = version}
redis.call('ZADD', qkey(dep, ver(r)), cr, id)
redis.call('SADD', P .. 'qv:' .. dep, ver(r))
redis.call('ZADD', P .. 'ix:all', 0, lx .. id)
redis.call('ZADD', P .. 'ix:w:' .. wf, 0, lx .. id)
index_status(id, {lx = lx, wf = wf}, nil, 'queued')
inflight(r, 1)
return {'created', redis.call('HGETALL', rk)}
