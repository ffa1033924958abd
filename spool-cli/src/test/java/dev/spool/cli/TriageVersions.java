package dev.spool.cli;

import dev.spool.Component;
import dev.spool.Workflow;
import dev.spool.WorkflowProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A workflow in two versions whose steps differ, for the version tests: a process registers the
 * versions its {@code SPOOL_TEST_TRIAGE} environment variable lists ({@code "1"}, {@code "2"},
 * {@code "1,2"}); none when it is unset, which is how a badly deployed worker looks.
 */
public final class TriageVersions implements WorkflowProvider {
  /** The variable a test sets on a child process. */
  public static final String ENV = "SPOOL_TEST_TRIAGE";

  /** What a run is about. */
  public record Ticket(String id) {}

  /** What a decision says. */
  public record Decision(boolean approved) {}

  static final Component<String, String> CLASSIFY =
      Component.of("classify", String.class, (ctx, id) -> "bug:" + id);
  static final Component<String, String> ROUTE =
      Component.of("route", String.class, (ctx, kind) -> "team-" + kind.length());

  /** v1: classify, wait for approval, answer. */
  static final Workflow<Ticket, String> V1 =
      Workflow.of(
              "triage",
              Ticket.class,
              String.class,
              (ctx, t) -> {
                String kind = ctx.call(CLASSIFY, t.id());
                ctx.progress(Map.of("waitingFor", "approve"));
                Decision d = ctx.awaitSignal("approve", Decision.class);
                return "v1:" + kind + ":" + d.approved();
              })
          .version("1");

  /** v2: a step more before the wait, so a v1 history does not replay on it. */
  static final Workflow<Ticket, String> V2 =
      Workflow.of(
              "triage",
              Ticket.class,
              String.class,
              (ctx, t) -> {
                String kind = ctx.call(CLASSIFY, t.id());
                String team = ctx.call(ROUTE, kind);
                ctx.progress(Map.of("waitingFor", "approve"));
                Decision d = ctx.awaitSignal("approve", Decision.class);
                return "v2:" + kind + ":" + team + ":" + d.approved();
              })
          .version("2");

  @Override
  public List<Workflow<?, ?>> workflows() {
    String wanted = System.getenv(ENV);
    List<Workflow<?, ?>> out = new ArrayList<>();
    if (wanted != null) {
      for (String v : wanted.split(",")) {
        switch (v.strip()) {
          case "1" -> out.add(V1);
          case "2" -> out.add(V2);
          case "" -> {}
          default -> throw new IllegalArgumentException(ENV + " lists an unknown version: " + v);
        }
      }
    }
    return out;
  }
}
