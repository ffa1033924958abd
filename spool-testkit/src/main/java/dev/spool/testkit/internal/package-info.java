/** Plumbing behind the testkit's public helpers; not API. */
package dev.spool.testkit.internal;
