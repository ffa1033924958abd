-- recover.lua: the reaper's move: if the run is still running on an expired lease, or (dead owner given) still held
-- by that owner whose process is gone, and is as the caller read it, appends worker.lost and requeues or fails it.
-- ARGV: id, now micros, expected epoch, expected heartbeat, expected recoveries, retention ms, events (count then 5 each),
--       error JSON when the run fails ('' or '=' .. json), dead owner ('' = recover only on an expired lease)
-- The rule is RunRules.recover: Controls builds the events and the error in Java from the run it read; this script applies them if the run is unchanged.
local id, now, ep, hb, rec, keep = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6]
local dead = ARGV[7 + 1 + tonumber(ARGV[7]) * 5 + 1]
local r = load(id)
if not r then return {'nosuch'} end
if r.st ~= 'running' then return {'none'} end
if dead == nil or dead == '' then
  if r.exp == nil or tonumber(r.exp) >= tonumber(now) then return {'none'} end
elseif r.own ~= dead then
  return {'none'}
end
if r.ep ~= ep or (r.hb or '') ~= hb or r.rec ~= rec then return {'changed'} end
local seq, lts, i = append(id, r, 7)
redis.call('HINCRBY', runkey(id), 'rec', 1)
local err = opt(ARGV[i])
if err then
  finish(id, r, 'failed', nil, err, now, keep)
else
  requeue(id, r)
end
return {'ok', redis.call('HGETALL', runkey(id))}
