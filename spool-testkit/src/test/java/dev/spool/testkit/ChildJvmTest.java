package dev.spool.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildJvmTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  /** Says it is ready with its arguments, then runs until killed. */
  public static final class Sleeper {
    public static void main(String[] args) throws InterruptedException {
      System.out.println("ready " + String.join(" ", args));
      System.out.flush();
      Thread.sleep(600_000);
    }
  }

  /** Writes its reason to stderr and exits with the code it is given, printing nothing. */
  public static final class Quitter {
    public static void main(String[] args) {
      System.err.println("quitting with " + args[0]);
      System.exit(Integer.parseInt(args[0]));
    }
  }

  @Test
  void runsAClassOnThisClasspathWithItsOptionsAndArgumentsUntilKill9() {
    try (ChildJvm child =
        ChildJvm.builder(Sleeper.class, dir.resolve("sleeper.log"))
            .jvmOptions("-XX:+UseSerialGC")
            .args("a", "b c")
            .start()) {
      assertThat(child.awaitLine(WAIT)).isEqualTo("ready a b c");
      assertThat(ProcessHandle.of(child.pid()).flatMap(p -> p.info().arguments()).map(List::of))
          .hasValueSatisfying(a -> assertThat(a).contains("-XX:+UseSerialGC", "b c"));

      assertThat(child.kill9()).isEqualTo(137);
      assertThat(child.isAlive()).isFalse();
      assertThat(ProcessHandle.of(child.pid()).filter(ProcessHandle::isAlive)).isEmpty();
    }
  }

  @Test
  void aChildThatEndsBeforeItsLineFailsTheWaitQuotingItsLog() {
    try (ChildJvm child =
        ChildJvm.builder(Quitter.class, dir.resolve("quitter.log")).args("3").start()) {
      assertThatThrownBy(() -> child.awaitLine(WAIT))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("closed its output before printing a line")
          .hasMessageContaining("quitting with 3");
      assertThat(child.awaitExit(WAIT)).isEqualTo(3);
      assertThat(child.log()).isEqualTo("quitting with 3\n");
    }
  }

  @Test
  void closeKillsAChildThatStillRuns() {
    ChildJvm child = ChildJvm.builder(Sleeper.class, dir.resolve("closed.log")).start();
    child.awaitLine(WAIT);
    child.close();
    assertThat(child.isAlive()).isFalse();
  }
}
