-- locate.lua: reserves a run id for a run placed in another partition (keyed by its idempotency key) by writing its locator here.
-- ARGV: id, the partition the run goes to. Returns {'new'}, {'had'} (same locator there already) or {'dup'}.
local id, target = ARGV[1], ARGV[2]
if redis.call('EXISTS', runkey(id)) == 1 then return {'dup'} end
local cur = redis.call('GET', P .. 'loc:' .. id)
if cur then
  if cur == target then return {'had'} end
  return {'dup'}
end
redis.call('SET', P .. 'loc:' .. id, target)
return {'new'}
