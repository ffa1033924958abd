package dev.spool.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

/** What a group of report sections writes from: the pass's results, the chart folder, the text. */
abstract class ReportPart {
  /** The pass's results. */
  protected final JsonNode r;

  /** Where charts go, next to the report. */
  protected final Path dir;

  /** The file name prefix of this pass's report and charts. */
  protected final String prefix;

  /** The report's Markdown so far. */
  protected final StringBuilder md;

  ReportPart(JsonNode r, Path dir, String prefix, StringBuilder md) {
    this.r = r;
    this.dir = dir;
    this.prefix = prefix;
    this.md = md;
  }
}
