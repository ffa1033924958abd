-- unlocate.lua: removes a run's locator if it still points where ARGV[2] says (a failed create, or a run the sweeper removed).
if redis.call('GET', P .. 'loc:' .. ARGV[1]) == ARGV[2] then
  redis.call('DEL', P .. 'loc:' .. ARGV[1])
end
return {'ok'}
