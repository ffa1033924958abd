/**
 * The {@code spool} command line: start and follow runs, resume them after a crash, list and tail
 * them. {@link dev.spool.cli.SpoolCommand} is the entry point; everything else is internal.
 */
package dev.spool.cli;
