-- sweep.lua: drops the index entries (and any leftover keys) of up to ARGV[1] finished runs whose retention ran out; returns how many, then locators to remove (partition, id, …).
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local due = redis.call('ZRANGEBYSCORE', P .. 'done', '-inf', fmt(now), 'LIMIT', 0, ARGV[1])
local locs = {fmt(#due)}
for _, m in ipairs(due) do
  local parts = {}
  local from = 1
  for k = 1, 5 do
    local z = string.find(m, '\0', from, true)
    parts[k] = string.sub(m, from, z - 1)
    from = z + 1
  end
  local id, wf, lx, st, loc, ik = parts[1], parts[2], parts[3], parts[4], parts[5], string.sub(m, from)
  local im = lx .. id
  redis.call('ZREM', P .. 'ix:all', im)
  redis.call('ZREM', P .. 'ix:w:' .. wf, im)
  redis.call('ZREM', P .. 'ix:s:' .. st, im)
  redis.call('ZREM', P .. 'ix:ws:' .. st .. ':' .. wf, im)
  local cur = redis.call('HGET', runkey(id), 'st')
  if not cur or cur == st then
    redis.call('DEL', runkey(id), P .. 'ev:' .. id, P .. 'cp:' .. id)
  end
  if ik ~= '' and redis.call('GET', P .. 'idem:' .. ik) == id then
    redis.call('DEL', P .. 'idem:' .. ik)
  end
  redis.call('ZREM', P .. 'done', m)
  if loc ~= '' then
    table.insert(locs, loc)
    table.insert(locs, id)
  end
end
return locs
