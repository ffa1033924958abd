-- cancel.lua: ends a queued or waiting run as cancelled, or flags a running one for its worker, if the run is as the caller read it.
-- ARGV: id, now micros, expected status, expected attempt, expected cancel flag, mode ('end' or 'flag'), retention ms,
--       events (count then 5 each), error JSON (mode 'end')
-- The rule is RunRules.cancel: Controls decides it in Java from the run it read and passes the event and mode; this script applies it if the run is unchanged.
local id, now, st, att, cx, mode, keep = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7]
local r = load(id)
if not r then return {'nosuch'} end
if r.st ~= st or r.att ~= att or r.cx ~= cx then return {'changed'} end
local seq, lts, i = append(id, r, 8)
if mode == 'end' then
  finish(id, r, 'cancelled', nil, ARGV[i], now, keep)
else
  redis.call('HSET', runkey(id), 'cx', '1')
  if r.own then redis.call('ZADD', P .. 'attn:' .. r.own, r.cr, id) end
end
return {'ok', redis.call('HGETALL', runkey(id))}
