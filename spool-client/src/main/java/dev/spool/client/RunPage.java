package dev.spool.client;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of runs, newest first ({@code GET /v1/runs}).
 *
 * @param runs the runs on this page
 * @param next the cursor for the next page ({@link RunsQuery#before}); empty on the last page
 */
public record RunPage(List<RunView> runs, Optional<String> next) {
  public RunPage {
    runs = List.copyOf(runs);
    Objects.requireNonNull(next, "next");
  }
}
