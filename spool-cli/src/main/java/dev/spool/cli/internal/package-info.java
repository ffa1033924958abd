/** The {@code spool} subcommands and their output formatting. Not API. */
package dev.spool.cli.internal;
