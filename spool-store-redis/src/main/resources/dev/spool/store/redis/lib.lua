-- lib.lua: helpers every Spool script starts with (keys of one partition, run loading, index and lease moves, finishing).
-- KEYS[1] is the partition's key prefix, "<ns>:{<tag>}:": every key a script touches starts with it,
-- so a script only ever touches one cluster slot.
local P = KEYS[1]

local function runkey(id) return P .. 'run:' .. id end

local function fmt(n) return string.format('%d', n) end

local function num(s) return tonumber(s) or 0 end

-- the run's hash as a table, or nil
local function load(id)
  local f = redis.call('HGETALL', runkey(id))
  if #f == 0 then return nil end
  local r = {}
  for i = 1, #f, 2 do r[f[i]] = f[i + 1] end
  return r
end

-- optional arguments arrive as '' (absent) or '=' .. value
local function opt(s)
  if s == nil or s == '' then return nil end
  return string.sub(s, 2)
end

-- moves the run between the status listing indexes (lexicographic members: lx .. id)
local function index_status(id, r, from, to)
  local m = r.lx .. id
  if from then
    redis.call('ZREM', P .. 'ix:s:' .. from, m)
    redis.call('ZREM', P .. 'ix:ws:' .. from .. ':' .. r.wf, m)
  end
  if to then
    redis.call('ZADD', P .. 'ix:s:' .. to, 0, m)
    redis.call('ZADD', P .. 'ix:ws:' .. to .. ':' .. r.wf, 0, m)
  end
end

-- the run's workflow version, as queues and counts name it: 'wf@ver'
local function ver(r) return r.wf .. '@' .. r.ver end

-- a deployment's ready and waiting queues hold one workflow version each, so a claim looks only
-- at the versions its worker runs (RunRules.placeable); qv:<dep> lists the versions a deployment has
local function qkey(dep, v) return P .. 'q:' .. dep .. ':' .. v end
local function wkey(dep, v) return P .. 'w:' .. dep .. ':' .. v end

-- counts unfinished runs by deployment and by workflow version (the run's r.dep, r.wf, r.ver)
local function inflight(r, delta)
  local n = redis.call('HINCRBY', P .. 'inflight', r.dep, delta)
  if n <= 0 then redis.call('HDEL', P .. 'inflight', r.dep) end
  n = redis.call('HINCRBY', P .. 'inflight-v', ver(r), delta)
  if n <= 0 then redis.call('HDEL', P .. 'inflight-v', ver(r)) end
end

-- appends events numbered after the run's last seq: ARGV[i] holds the count, then 5 fields each
-- (type, ts micros, path, attempt, data); returns the last seq, the last ts and the next index
local function append(id, r, i)
  local n = tonumber(ARGV[i])
  local seq = num(r.seq)
  local lts = r.lts
  local ev = P .. 'ev:' .. id
  for j = 0, n - 1 do
    local b = i + 1 + j * 5
    seq = seq + 1
    redis.call('XADD', ev, '0-' .. fmt(seq), 't', ARGV[b], 'ts', ARGV[b + 1], 'p', ARGV[b + 2],
      'a', ARGV[b + 3], 'd', ARGV[b + 4])
    lts = ARGV[b + 1]
  end
  if n > 0 then
    redis.call('HSET', runkey(id), 'seq', fmt(seq), 'lts', lts)
    r.seq = fmt(seq)
    r.lts = lts
  end
  return seq, lts, i + 1 + n * 5
end

-- drops the lease: no owner, no expiry
local function release(id, r)
  redis.call('ZREM', P .. 'lease', id)
  if r.own then
    redis.call('ZREM', P .. 'own:' .. r.own, id)
    redis.call('ZREM', P .. 'attn:' .. r.own, id)
  end
  redis.call('HDEL', runkey(id), 'own', 'exp', 'ttl')
end

local function requeue(id, r)
  release(id, r)
  redis.call('HSET', runkey(id), 'st', 'queued')
  redis.call('HDEL', runkey(id), 'ra')
  redis.call('ZREM', wkey(r.dep, ver(r)), id)
  redis.call('ZADD', qkey(r.dep, ver(r)), r.cr, id)
  index_status(id, r, r.st, 'queued')
end

local function suspend(id, r, ra)
  release(id, r)
  redis.call('HSET', runkey(id), 'st', 'waiting', 'ra', ra)
  redis.call('ZREM', qkey(r.dep, ver(r)), id)
  redis.call('ZADD', wkey(r.dep, ver(r)), ra, id)
  index_status(id, r, r.st, 'waiting')
end

-- ends the run; with keep > 0 ms its keys expire then and the sweeper drops its index entries
local function finish(id, r, st, res, err, fa, keep)
  local rk = runkey(id)
  release(id, r)
  redis.call('ZREM', qkey(r.dep, ver(r)), id)
  redis.call('ZREM', wkey(r.dep, ver(r)), id)
  redis.call('HSET', rk, 'st', st, 'fa', fa)
  if res then redis.call('HSET', rk, 'res', res) end
  if err then redis.call('HSET', rk, 'err', err) end
  redis.call('HDEL', rk, 'ra')
  index_status(id, r, r.st, st)
  inflight(r, -1)
  keep = tonumber(keep)
  if keep > 0 then
    redis.call('PEXPIRE', rk, keep)
    redis.call('PEXPIRE', P .. 'ev:' .. id, keep)
    redis.call('PEXPIRE', P .. 'cp:' .. id, keep)
    if r.ik then redis.call('PEXPIRE', P .. 'idem:' .. r.ik, keep) end
    local t = redis.call('TIME')
    local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
    redis.call('ZADD', P .. 'done', fmt(now + keep),
      table.concat({id, r.wf, r.lx, st, r.loc or '', r.ik or ''}, '\0'))
  end
end

-- why a lease no longer holds its run, or nil when it does
local function fence(r, owner, epoch)
  if r.ep ~= epoch then return 'the run was claimed again (epoch ' .. r.ep .. ')' end
  if r.st ~= 'running' or r.own ~= owner then
    return 'the lease was released and the run is ' .. r.st
  end
  return nil
end

-- true if the run may be claimed at now (a dead owner's running run only when taken over)
-- RunRules.claimable, atomically: queued; waiting and due; running and held by the dead owner taken over
local function claimable(r, now, takeover)
  if r.st == 'queued' then return true end
  if r.st == 'waiting' then return r.ra ~= nil and tonumber(r.ra) <= tonumber(now) end
  if r.st == 'running' then return takeover ~= '' and r.own == takeover end
  return false
end

-- moves one queue pair's waiting runs whose time has come into its ready queue (ordered by creation)
local function wake_due(dep, v, now)
  local w = wkey(dep, v)
  local due = redis.call('ZRANGEBYSCORE', w, '-inf', now, 'LIMIT', 0, 256)
  for _, id in ipairs(due) do
    redis.call('ZREM', w, id)
    local cr = redis.call('HGET', runkey(id), 'cr')
    if cr then redis.call('ZADD', qkey(dep, v), cr, id) end
  end
end

-- RunRules.placeable: pinned to the claim's deployment or to none ('' ), and of a workflow version
-- the claimer runs (runnable: 'wf@ver,wf@ver…', or '*' for any)
local function runs_version(runnable, v)
  if runnable == '*' then return true end
  for x in string.gmatch(runnable, '[^,]+') do
    if x == v then return true end
  end
  return false
end

local function placeable(r, dep, runnable)
  return (r.dep == '' or r.dep == dep) and runs_version(runnable, ver(r))
end

-- the (deployment, version) queues a claim looks in: its deployment's and the unpinned runs'
local function queues(dep, runnable)
  local deps = {dep}
  if dep ~= '' then table.insert(deps, '') end
  local out = {}
  for _, d in ipairs(deps) do
    if runnable == '*' then
      for _, v in ipairs(redis.call('SMEMBERS', P .. 'qv:' .. d)) do table.insert(out, {d, v}) end
    else
      for v in string.gmatch(runnable, '[^,]+') do table.insert(out, {d, v}) end
    end
  end
  return out
end

local function older(a_cr, a_id, b_cr, b_id)
  if b_id == nil then return true end
  local x, y = tonumber(a_cr), tonumber(b_cr)
  if x ~= y then return x < y end
  return a_id < b_id
end

-- the oldest claimable run of one queue pair, by (created, id), dropping entries gone stale
local function head(dep, v, now)
  wake_due(dep, v, now)
  local q = qkey(dep, v)
  local id, cr
  local stale = {}
  local from = 0
  while id == nil and from < 1024 do
    local ids = redis.call('ZRANGE', q, from, from + 31)
    if #ids == 0 then break end
    for _, cand in ipairs(ids) do
      local f = redis.call('HMGET', runkey(cand), 'st', 'ra', 'cr')
      if f[1] == 'queued' or (f[1] == 'waiting' and f[2] and tonumber(f[2]) <= tonumber(now)) then
        id, cr = cand, f[3]
        break
      elseif f[1] ~= 'waiting' then
        table.insert(stale, cand)
      end
    end
    from = from + 32
  end
  for _, s in ipairs(stale) do redis.call('ZREM', q, s) end
  return id, cr
end

-- the oldest run in this partition a claim of the deployment for the runnable versions may take,
-- by (created, id): returns id, cr
local function best(dep, runnable, now, takeover)
  local id, cr
  for _, pair in ipairs(queues(dep, runnable)) do
    local hid, hcr = head(pair[1], pair[2], now)
    if hid and older(hcr, hid, cr, id) then id, cr = hid, hcr end
  end
  if takeover ~= '' then
    local held = redis.call('ZRANGE', P .. 'own:' .. takeover, 0, 63)
    for _, cand in ipairs(held) do
      local r = load(cand)
      if r and r.st == 'running' and r.own == takeover and placeable(r, dep, runnable) then
        if older(r.cr, cand, cr, id) then id, cr = cand, r.cr end
        break
      end
    end
  end
  return id, cr
end
