/** The Markdown report and its PNG charts, written from one pass's results. */
package dev.spool.bench.report;
