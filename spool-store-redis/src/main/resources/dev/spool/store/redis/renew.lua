-- renew.lua: extends a lease if it still holds its run (fenced by owner and epoch); the heartbeat is the new expiry less the lease's ttl.
-- ARGV: id, owner, epoch, new expiry micros
local id, owner, epoch, exp = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local r = load(id)
if not r then return {'nosuch'} end
local lost = fence(r, owner, epoch)
if lost then return {'lost', lost} end
redis.call('HSET', runkey(id), 'exp', exp, 'hb', fmt(tonumber(exp) - num(r.ttl)))
redis.call('ZADD', P .. 'lease', exp, id)
return {'ok'}
