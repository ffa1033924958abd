-- events.lua: up to ARGV[3] events of run ARGV[1] after seq ARGV[2], or 'nosuch' when the run is not in this partition.
if redis.call('EXISTS', runkey(ARGV[1])) == 0 then return {'nosuch'} end
local from = '0-' .. fmt(tonumber(ARGV[2]) + 1)
return {'ok', redis.call('XRANGE', P .. 'ev:' .. ARGV[1], from, '+', 'COUNT', ARGV[3])}
