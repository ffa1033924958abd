/** Spool's implementation. Not API: anything here may change without notice. */
package dev.spool.internal;
