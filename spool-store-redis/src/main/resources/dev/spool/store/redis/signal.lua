-- signal.lua: appends signal.received to an unfinished run and makes a waiting run claimable now, if the run is as the caller read it.
-- ARGV: id, now micros, expected status, expected attempt, events (count then 5 each)
-- The rule is RunRules.signal: Controls builds the event in Java from the run it read; this script appends it and makes a waiting run claimable now, if the run is unchanged.
local id, now, st, att = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local r = load(id)
if not r then return {'nosuch'} end
if r.st ~= st or r.att ~= att then return {'changed'} end
local seq = append(id, r, 5)
redis.call('HSET', runkey(id), 'sig', fmt(seq))
if r.st == 'running' and r.own then redis.call('ZADD', P .. 'attn:' .. r.own, r.cr, id) end
if r.st == 'waiting' then
  redis.call('HSET', runkey(id), 'ra', now)
  redis.call('ZADD', wkey(r.dep, ver(r)), now, id)
end
return {'ok', fmt(seq), redis.call('HGETALL', runkey(id))}
