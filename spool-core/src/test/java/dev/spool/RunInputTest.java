package dev.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.store.RunQuery;
import dev.spool.store.memory.MemoryRunStore;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A start input is parsed and canonicalized once, and the run stores that canonical form. */
class RunInputTest {
  private final MemoryRunStore store = new MemoryRunStore();
  private final Spool spool = Spool.builder(store).register(CountedInput.WORKFLOW).build();

  @BeforeEach
  void countFromZero() {
    CountedInput.BUILT.set(0);
  }

  @Test
  void startingFromAParsedInputParsesNothingAgain() {
    RunInput<CountedInput> input = RunInput.parse(CountedInput.WORKFLOW, "{ \"text\" : \"a\" }");
    assertThat(CountedInput.BUILT.getAndSet(0)).isEqualTo(1);

    String runId = spool.start(input, Optional.empty()).run().runId();

    assertThat(CountedInput.BUILT.get()).isZero();
    assertThat(input.value().text()).isEqualTo("a");
    assertThat(store.getRun(runId).orElseThrow().input()).isEqualTo("{\"text\":\"a\"}");
  }

  @Test
  void startingFromTextParsesOnce() {
    spool.start("counted", "{\"text\":\"b\"}");
    assertThat(CountedInput.BUILT.get()).isEqualTo(1);
  }

  @Test
  void anInputOfAnotherWorkflowWritesNothing() {
    Workflow<CountedInput, String> other = CountedInput.WORKFLOW.description("another instance");
    RunInput<CountedInput> input = RunInput.parse(other, "{\"text\":\"c\"}");

    assertThatThrownBy(() -> spool.start(input, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not the registered");
    assertThat(store.listRuns(RunQuery.latest(10))).isEmpty();
  }

  @Test
  void textThatIsNotJsonSaysWhereItBreaks() {
    assertThatThrownBy(() -> RunInput.parse(CountedInput.WORKFLOW, "{\"text\":"))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.getMessage()).startsWith("input is not valid JSON: ");
              assertThat(e.jsonSyntaxError())
                  .hasValueSatisfying(r -> assertThat(e).hasMessageEndingWith(r));
            });
    assertThatThrownBy(() -> RunInput.parse(CountedInput.WORKFLOW, "{\"txt\":\"a\"}"))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.jsonSyntaxError()).isEmpty());
  }
}
