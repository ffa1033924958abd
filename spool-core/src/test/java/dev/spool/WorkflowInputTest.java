package dev.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.builtin.Approval;
import dev.spool.builtin.Steps;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Inputs are checked strictly, and every rejection names the field and says what fits. */
class WorkflowInputTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"steps\":2.7}                 | field 'steps'",
        "{\"steps\":\"2\"}               | field 'steps'",
        "{}                              | missing field 'steps' (a whole number)",
        "{\"steps\":null}                | field 'steps' must not be null",
        "{\"steps\":true}                | field 'steps'",
        "{\"steps\":1,\"stepMilis\":5}   | unknown field 'stepMilis'",
        "{\"steps\":-1}                  | steps must be within 0..100000",
      })
  void stepsInputIsStrict(String json, String expected) {
    assertThatThrownBy(() -> Steps.WORKFLOW.parseInput(json))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"subject\":5}       | field 'subject'",
        "{\"subject\":null}    | field 'subject' must not be null (a string)",
        "{\"subject\":\" \"}   | subject must not be blank",
      })
  void approvalInputNeverLeaksJavaInternals(String json, String expected) {
    assertThatThrownBy(() -> Approval.WORKFLOW.parseInput(json))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(expected)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("$", "Cannot invoke"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"{\"steps\":3} | 3", "{\"steps\":3,\"stepMillis\":null} | 3"})
  void fittingInputParses(String json, int steps) {
    assertThat(Steps.WORKFLOW.parseInput(json).steps()).isEqualTo(steps);
  }
}
