-- list.lua: newest-first page of a listing index of this partition: up to ARGV[3] runs below bound ARGV[2], each as index member and hash.
-- ARGV: index name ('ix:all', 'ix:s:<status>', …), exclusive upper bound ('+' or '(' .. member), limit
local key, bound, limit = P .. ARGV[1], ARGV[2], tonumber(ARGV[3])
local out = {}
local found = 0
while found < limit do
  local ms = redis.call('ZRANGE', key, bound, '-', 'BYLEX', 'REV', 'LIMIT', 0, limit - found)
  if #ms == 0 then break end
  for _, m in ipairs(ms) do
    local f = redis.call('HGETALL', runkey(string.sub(m, 21)))
    if #f > 0 then
      table.insert(out, m)
      table.insert(out, f)
      found = found + 1
    end
  end
  bound = '(' .. ms[#ms]
end
return out
