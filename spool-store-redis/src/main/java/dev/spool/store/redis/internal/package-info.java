/** How the Redis store does its work (connections, key layout, Lua scripts); not API. */
package dev.spool.store.redis.internal;
