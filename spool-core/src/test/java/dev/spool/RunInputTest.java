package dev.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.store.RunQuery;
import dev.spool.store.memory.MemoryRunStore;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A start input is parsed and canonicalized once, and the run stores that canonical form. */
class RunInputTest {
  static final AtomicInteger PARSED = new AtomicInteger();

  record Counted(String text) {
    Counted {
      PARSED.incrementAndGet();
    }
  }

  static final Workflow<Counted, String> WF =
      Workflow.of("counted", Counted.class, String.class, (ctx, in) -> in.text());

  private final MemoryRunStore store = new MemoryRunStore();
  private final Spool spool = Spool.builder(store).register(WF).build();

  @BeforeEach
  void countFromZero() {
    PARSED.set(0);
  }

  @Test
  void startingFromAParsedInputParsesNothingAgain() {
    RunInput<Counted> input = RunInput.parse(WF, "{ \"text\" : \"a\" }");
    assertThat(PARSED.getAndSet(0)).isEqualTo(1);

    String runId = spool.start(input, Optional.empty()).run().runId();

    assertThat(PARSED.get()).isZero();
    assertThat(input.value().text()).isEqualTo("a");
    assertThat(store.getRun(runId).orElseThrow().input()).isEqualTo("{\"text\":\"a\"}");
  }

  @Test
  void startingFromTextParsesOnce() {
    spool.start("counted", "{\"text\":\"b\"}");
    assertThat(PARSED.get()).isEqualTo(1);
  }

  @Test
  void anInputOfAnotherWorkflowWritesNothing() {
    Workflow<Counted, String> other =
        Workflow.of("counted", Counted.class, String.class, (ctx, in) -> "other");
    RunInput<Counted> input = RunInput.parse(other, "{\"text\":\"c\"}");

    assertThatThrownBy(() -> spool.start(input, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not the registered");
    assertThat(store.listRuns(RunQuery.latest(10))).isEmpty();
  }

  @Test
  void textThatIsNotJsonSaysWhereItBreaks() {
    assertThatThrownBy(() -> RunInput.parse(WF, "{\"text\":"))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.getMessage()).startsWith("input is not valid JSON: ");
              assertThat(e.jsonSyntaxError())
                  .hasValueSatisfying(r -> assertThat(e).hasMessageEndingWith(r));
            });
    assertThatThrownBy(() -> RunInput.parse(WF, "{\"txt\":\"a\"}"))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.jsonSyntaxError()).isEmpty());
  }
}
