package dev.spool.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PathsTest {
  @Test
  void callerGivenPartsStayOneSegment() {
    assertThat(Paths.run("a/b?c#d e")).isEqualTo("/v1/runs/a%2Fb%3Fc%23d%20e");
    assertThat(Paths.signal("r", "ok/é")).isEqualTo("/v1/runs/r/signals/ok%2F%C3%A9");
    assertThat(Paths.startRun("..")).isEqualTo("/v1/workflows/%2E%2E/runs");
  }

  @Test
  void plainIdsAreLeftAlone() {
    assertThat(Paths.events("01JABC-x_y.z~", 7)).isEqualTo("/v1/runs/01JABC-x_y.z~/events?after=7");
  }
}
