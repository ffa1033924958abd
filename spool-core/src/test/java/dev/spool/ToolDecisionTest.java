package dev.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolDecisionTest {
  @Test
  void readsAndWritesTheWireShape() {
    ToolDecision edit =
        Json.read("{\"decision\":\"edit\",\"arguments\":{\"title\":\"B\"}}", ToolDecision.class);
    assertEquals(ToolDecision.Verdict.EDIT, edit.decision());
    assertEquals(Map.of("title", "B"), edit.arguments());
    assertEquals("{\"decision\":\"deny\",\"reason\":\"no\"}", Json.write(ToolDecision.deny("no")));
    assertEquals(
        ToolDecision.approve(), Json.read(Json.write(ToolDecision.approve()), ToolDecision.class));
  }

  @Test
  void refusesWhatCannotBeActedOn() {
    RuntimeException e =
        assertThrows(
            RuntimeException.class, () -> Json.read("{\"decision\":\"yes\"}", ToolDecision.class));
    assertTrue(e.getMessage().contains("\"approve\", \"deny\" or \"edit\""), e.getMessage());
    assertThrows(
        RuntimeException.class, () -> Json.read("{\"decision\":\"edit\"}", ToolDecision.class));
    assertThrows(
        IllegalArgumentException.class,
        () -> new ToolDecision(ToolDecision.Verdict.APPROVE, Map.of("a", 1), null));
  }

  @Test
  void namesTheSignalOfACall() {
    assertEquals("tool-approval.t3-1", ToolDecision.signalName("t3-1"));
    assertThrows(IllegalArgumentException.class, () -> ToolDecision.signalName("a/b"));
    assertThrows(IllegalArgumentException.class, () -> ToolDecision.signalName(""));
  }
}
