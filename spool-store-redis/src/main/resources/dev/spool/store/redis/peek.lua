-- peek.lua: the oldest run in this partition a claim may take, without claiming it (claims compare partitions' heads).
-- ARGV: deployment, now micros, dead owner to take over from ('' none), runnable versions ('wf@ver,…' or '*').
-- Returns {created, id} or {}.
local id, cr = best(ARGV[1], ARGV[4], ARGV[2], ARGV[3])
if id == nil then return {} end
return {cr, id}
