-- config.lua: records the store's layout (partition count, layout version) on first use and returns what is recorded.
redis.call('HSETNX', P .. 'config', 'partitions', ARGV[1])
redis.call('HSETNX', P .. 'config', 'layout', ARGV[2])
return redis.call('HGETALL', P .. 'config')
