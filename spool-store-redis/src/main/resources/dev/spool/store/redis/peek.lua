-- peek.lua: the oldest claimable run of a deployment in this partition, without claiming it (claims compare partitions' heads).
-- ARGV: deployment, now micros, dead owner to take over from ('' none). Returns {created, id} or {}.
local id, cr = best(ARGV[1], ARGV[2], ARGV[3])
if id == nil then return {} end
return {cr, id}
