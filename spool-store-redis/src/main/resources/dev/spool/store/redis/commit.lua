-- commit.lua: one fenced, atomic write of a lease holder: events appended, checkpoints upserted, optionally a status change.
-- ARGV: id, owner, epoch, commit token, retention ms, events (count then 5 each), checkpoints (count then field, value each),
--       transition status ('' none), result, error, resume at, wake-on-signal-after (each '' or '=' .. value)
local id, owner, epoch, token, keep = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local r = load(id)
if not r then return {'nosuch'} end
local lost = fence(r, owner, epoch)
if lost then return {'lost', lost} end
if token ~= '' and r.ct == token then return {'ok', r.cs} end
local seq, lts, i = append(id, r, 6)
local ncp = tonumber(ARGV[i])
if ncp > 0 then
  local cp = P .. 'cp:' .. id
  for j = 0, ncp - 1 do
    redis.call('HSET', cp, ARGV[i + 1 + j * 2], ARGV[i + 2 + j * 2])
  end
end
i = i + 1 + ncp * 2
local st = ARGV[i]
if st == 'completed' or st == 'failed' or st == 'cancelled' then
  finish(id, r, st, opt(ARGV[i + 1]), opt(ARGV[i + 2]), lts, keep)
elseif st == 'waiting' then
  local ra = opt(ARGV[i + 3])
  local wake = opt(ARGV[i + 4])
  if wake and num(r.sig) > tonumber(wake) then ra = lts end
  suspend(id, r, ra)
elseif st == 'queued' then
  requeue(id, r)
end
if token ~= '' then redis.call('HSET', runkey(id), 'ct', token, 'cs', fmt(seq)) end
return {'ok', fmt(seq)}
