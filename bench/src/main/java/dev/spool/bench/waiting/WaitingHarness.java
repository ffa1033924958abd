package dev.spool.bench.waiting;

import dev.spool.Spool;
import dev.spool.bench.proc.Protocol;
import dev.spool.store.Store;
import dev.spool.store.sqlite.SqliteRunStore;
import dev.spool.worker.Worker;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How many waiting runs one worker holds, and the heap each costs: starts N runs that all wait (in
 * a durable sleep, or in a step blocked on a slow HTTP call), measures the heap after a full GC
 * against the heap before, then keeps them waiting for a while to see whether the worker keeps
 * every lease (a run whose lease lapsed is re-executed, which {@link WaitingWorkflows#ENTERED}
 * counts). Default engine settings, except that sleeps do not suspend: by default a sleep over 30 s
 * releases the worker, and the run then costs the worker nothing.
 *
 * <p>Usage: {@code WaitingHarness DIR sleep|http N HOLD_SECONDS START_BUDGET_SECONDS
 * [SLOW_SERVER_PORT]}: starts stop at the budget, and the runs started so far are measured; replies
 * once.
 */
public final class WaitingHarness {
  private WaitingHarness() {}

  public static void main(String[] args) throws Exception {
    try {
      Protocol.reply(run(args));
    } catch (Exception | Error e) {
      e.printStackTrace();
      Protocol.reply(Protocol.error(e));
    }
    System.exit(0); // leave the waiting runs behind; the store is a temp file
  }

  private static Map<String, Object> run(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    String kind = args[1];
    int n = Integer.parseInt(args[2]);
    int holdSeconds = Integer.parseInt(args[3]);
    long startBudget = Long.parseLong(args[4]) * 1_000_000_000L;
    if (kind.equals("http")) {
      WaitingWorkflows.slowServer = URI.create("http://127.0.0.1:" + args[5] + "/v1/chat");
    }
    Store store = SqliteRunStore.open(Files.createDirectories(dir).resolve("waiting.db"));
    Spool spool =
        Spool.builder(store)
            .register(WaitingWorkflows.SLEEP, WaitingWorkflows.HTTP_CALL)
            .suspendAfter(Duration.ofHours(2))
            .build();
    Worker worker = Worker.start(spool, n + 16);
    String workflow =
        kind.equals("http") ? WaitingWorkflows.HTTP_CALL.name() : WaitingWorkflows.SLEEP.name();
    // The baseline: store open, worker idle (class metadata is not heap).
    long before = settledHeap();

    long t0 = System.nanoTime();
    int asked = n;
    for (int i = 0; i < asked; i++) {
      if (System.nanoTime() - t0 > startBudget) {
        n = i; // starting is too slow to reach the count within the pass's budget
        break;
      }
      spool.start(workflow, "{\"minutes\":60}", Optional.empty());
    }
    double startSeconds = (System.nanoTime() - t0) / 1e9;
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    while (WaitingWorkflows.ENTERED.get() < n && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    double rampSeconds = (System.nanoTime() - t0) / 1e9;
    int reached = WaitingWorkflows.ENTERED.get();
    Thread.sleep(2000); // the sleeps' checkpoints commit after the body reached ctx.sleep
    long after = settledHeap();

    long holdUntil = System.nanoTime() + holdSeconds * 1_000_000_000L;
    while (System.nanoTime() < holdUntil) {
      Thread.sleep(200);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("kind", kind);
    out.put("asked", asked);
    out.put("runs", n);
    out.put("reachedWait", reached);
    out.put("startSeconds", startSeconds);
    out.put("rampSeconds", rampSeconds);
    out.put("heapBeforeBytes", before);
    out.put("heapAfterBytes", after);
    out.put("heapPerRunBytes", (after - before) / (double) n);
    out.put("rssBytes", rss());
    out.put("holdSeconds", holdSeconds);
    out.put("activeAtEnd", worker.activeRuns());
    out.put("reExecuted", Math.max(0, WaitingWorkflows.ENTERED.get() - n));
    out.put("leaseTtlSeconds", spool.options().leaseTtl().toSeconds());
    return out;
  }

  /** Heap in use after full collections, once it stops shrinking. */
  private static long settledHeap() throws InterruptedException {
    var memory = ManagementFactory.getMemoryMXBean();
    long last = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(200);
      long used = memory.getHeapMemoryUsage().getUsed();
      if (used >= last * 0.99) {
        return Math.min(used, last);
      }
      last = used;
    }
    return last;
  }

  private static long rss() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
        }
      }
    } catch (Exception e) {
      // not Linux
    }
    return -1;
  }
}
