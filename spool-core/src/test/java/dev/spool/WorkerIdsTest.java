package dev.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WorkerIdsTest {
  private static String ownerWithPid(long pid) {
    return WorkerIds.newId().replaceFirst("/\\d+/", "/" + pid + "/");
  }

  @Test
  void thisProcessIsAliveAndAnotherHostIsNeverJudged() {
    assertThat(WorkerIds.isDeadLocalProcess(WorkerIds.newId())).isFalse();
    assertThat(WorkerIds.isDeadLocalProcess("some-other-host/1/abcd")).isFalse();
    String host = WorkerIds.newId().split("/")[0];
    assertThat(host).as("host name + process table hash").matches(".+\\.[0-9a-f]{8}");
    String sameNameOtherMachine = host.substring(0, host.length() - 8) + "00000000";
    assertThat(WorkerIds.isDeadLocalProcess(sameNameOtherMachine + "/999999999/abcd"))
        .as("same host name, other kernel or PID namespace: never judged")
        .isFalse();
    assertThat(WorkerIds.isDeadLocalProcess("not an id")).isFalse();
  }

  @Test
  void aKilledProcessIsDeadEvenBeforeItsParentReapsIt() throws Exception {
    // The parent execs into a sleep that never reaps, so the killed child stays a zombie.
    Process parent = new ProcessBuilder("bash", "-c", "sleep 60 & echo $!; exec sleep 10").start();
    try {
      long child;
      try (var r = new BufferedReader(new InputStreamReader(parent.getInputStream()))) {
        child = Long.parseLong(r.readLine().trim());
        assertThat(WorkerIds.isDeadLocalProcess(ownerWithPid(child))).isFalse();
        new ProcessBuilder("kill", "-9", Long.toString(child)).start().waitFor(5, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!WorkerIds.isDeadLocalProcess(ownerWithPid(child)) && System.nanoTime() < deadline) {
          Thread.sleep(10);
        }
        assertThat(WorkerIds.isDeadLocalProcess(ownerWithPid(child))).isTrue();
      }
    } finally {
      parent.destroyForcibly();
    }
  }
}
