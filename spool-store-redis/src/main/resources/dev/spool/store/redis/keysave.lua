-- keysave.lua: stores API key ARGV[1] (name, hash, created micros, revoked micros or '') unless its id or hash is taken.
local id, name, hash, cr, rv = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
if redis.call('EXISTS', P .. 'key:' .. id) == 1 or redis.call('HEXISTS', P .. 'key-hash', hash) == 1 then
  return {'exists'}
end
redis.call('HSET', P .. 'key:' .. id, 'id', id, 'name', name, 'hash', hash, 'cr', cr)
if rv ~= '' then redis.call('HSET', P .. 'key:' .. id, 'rv', rv) end
redis.call('HSET', P .. 'key-hash', hash, id)
redis.call('ZADD', P .. 'key-ids', cr, id)
return {'ok'}
