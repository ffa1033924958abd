package dev.spool.server.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WaitsTest {
  private static final Duration MAX = Duration.ofMinutes(5);

  private static Duration parse(String s) {
    return Waits.parse(Optional.ofNullable(s), Duration.ofSeconds(7), MAX);
  }

  @Test
  void acceptsSecondsMillisecondsAndMinutes() {
    assertThat(parse("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(parse("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(parse("12")).isEqualTo(Duration.ofSeconds(12));
    assertThat(parse("5m")).isEqualTo(MAX);
  }

  @Test
  void absentGivesTheDefault() {
    assertThat(parse(null)).isEqualTo(Duration.ofSeconds(7));
    assertThat(parse("")).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void rejectsOtherFormsNamingTheAcceptedOnes() {
    for (String bad : new String[] {"-1", "1h", "abc", "1.5s", "30 s"}) {
      assertThatThrownBy(() -> parse(bad))
          .isInstanceOf(ApiProblem.class)
          .hasMessageContaining("500ms, 30s, 2m")
          .extracting(e -> ((ApiProblem) e).status())
          .isEqualTo(400);
    }
  }

  @Test
  void rejectsWaitsOverTheMaximum() {
    assertThatThrownBy(() -> parse("301s"))
        .isInstanceOf(ApiProblem.class)
        .hasMessageContaining("maximum of 5m");
  }
}
