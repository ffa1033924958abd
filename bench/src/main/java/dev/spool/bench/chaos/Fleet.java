package dev.spool.bench.chaos;

import dev.spool.bench.proc.Child;
import dev.spool.testkit.RedisServer;
import dev.spool.testkit.llm.FakeLlmServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The processes under test: a durable {@code redis-server} (AOF, {@code appendfsync always}) on a
 * free loopback port, a fake LLM provider in this JVM, two {@code spool api} and three {@code spool
 * worker} JVMs on that Redis. Workers are killed with SIGKILL and replaced; Redis is killed and
 * restarted on its port and folder. Every process is one this harness started, ended by pid.
 */
final class Fleet implements AutoCloseable {
  private static final Pattern API_LISTENING = Pattern.compile("spool api on (http://\\S+)");
  private static final Pattern WORKER_READY = Pattern.compile("spool worker \\S+: deployment");
  private static final String CLI = "dev.spool.cli.SpoolCommand";

  private final ChaosPlan plan;
  private final Path logs;
  private final RedisServer redis;
  private final FakeLlmServer fake;
  private final List<String> env;
  private final List<Child> apis = new ArrayList<>();
  private final List<URI> apiUris = new ArrayList<>();
  private final List<Child> workers = new CopyOnWriteArrayList<>();
  private final List<Long> workerPids = new CopyOnWriteArrayList<>();
  private int workerCount;

  private Fleet(ChaosPlan plan, Path logs, RedisServer redis, FakeLlmServer fake) {
    this.plan = plan;
    this.logs = logs;
    this.redis = redis;
    this.fake = fake;
    // The LLM provider the workers' chaos-llm runs use (spool-llm's LlmConfig), and the ledger.
    this.env =
        List.of(
            "env",
            "SPOOL_LLM_BASE_URL=" + fake.baseUrl(),
            "SPOOL_LLM_API_KEY=fake",
            "SPOOL_LLM_MODEL=fake-model",
            Ledger.DIR_ENV + "=" + ledgerDir(logs));
  }

  /** Where the workers keep their ledgers: beside their logs. */
  static Path ledgerDir(Path logs) {
    return logs.resolve("ledger");
  }

  /** Starts Redis, the fake, the API servers and the workers, and waits until all are up. */
  static Fleet start(ChaosPlan plan, Path work, Path logs) throws Exception {
    RedisServer redis = RedisServer.startDurable(work.resolve("redis"));
    FakeLlmServer fake = null;
    try {
      fake = FakeReplies.start(plan);
      Fleet f = new Fleet(plan, logs, redis, fake);
      for (int i = 1; i <= plan.apis(); i++) {
        f.apis.add(f.spool("api-" + i, "256m", List.of("api", "--no-auth", "--port", "0")));
      }
      for (int i = 0; i < plan.workers(); i++) {
        f.startWorker();
      }
      for (Child api : f.apis) {
        Matcher m = api.awaitLog(API_LISTENING, Duration.ofSeconds(90));
        f.apiUris.add(URI.create(m.group(1)));
      }
      for (Child w : f.workers) {
        w.awaitLog(WORKER_READY, Duration.ofSeconds(90));
      }
      return f;
    } catch (Exception | Error e) {
      if (fake != null) {
        fake.close();
      }
      redis.close();
      throw e;
    }
  }

  String storeUri() {
    return redis.uri() + "/0";
  }

  List<URI> apis() {
    return List.copyOf(apiUris);
  }

  FakeLlmServer fake() {
    return fake;
  }

  /** Workers started so far, the first three included. */
  int workersStarted() {
    return workerCount;
  }

  List<Long> workerPids() {
    return List.copyOf(workerPids);
  }

  /** Live workers now. */
  List<Child> liveWorkers() {
    return workers.stream().filter(Child::isAlive).toList();
  }

  /** Workers that ended although nobody killed them. */
  List<Child> exitedWorkers() {
    return workers.stream().filter(w -> !w.isAlive()).toList();
  }

  /** Starts one more worker without waiting for it to be ready. */
  Child startWorker() throws Exception {
    workerCount++;
    Child w =
        spool(
            "worker-" + workerCount,
            "384m",
            List.of(
                "worker",
                "--lease-ttl",
                plan.leaseTtl(),
                "--max-recoveries",
                "" + plan.maxRecoveries()));
    workers.add(w);
    workerPids.add(w.pid());
    return w;
  }

  /** SIGKILL of one worker. */
  void kill(Child worker) {
    worker.kill();
    workers.remove(worker);
  }

  /**
   * SIGKILL of redis-server, a pause, then a restart on the same port and folder (it replays its
   * AOF); returns how long it was down, until it answered PING again.
   */
  Duration killAndRestartRedis(Duration pause) throws InterruptedException {
    long t0 = System.nanoTime();
    redis.kill9();
    Thread.sleep(pause.toMillis());
    redis.restart();
    return Duration.ofNanos(System.nanoTime() - t0);
  }

  /** The line in which redis-server said it replayed its AOF after the restart, if it did. */
  String aofLoadedLine() {
    String found = "";
    for (String line : redis.log().split("\n")) {
      if (line.contains("DB loaded from append only file")) {
        found = line.substring(line.indexOf("DB loaded")).strip();
      }
    }
    return found;
  }

  private Child spool(String name, String heap, List<String> command) throws Exception {
    List<String> args = new ArrayList<>(List.of("--store", storeUri()));
    args.addAll(command);
    return Child.start(
        name,
        env,
        List.of("-Xmx" + heap, "-XX:+UseSerialGC", "-Djava.awt.headless=true"),
        CLI,
        args,
        logs);
  }

  @Override
  public void close() {
    for (Child w : workers) {
      w.kill();
    }
    for (Child a : apis) {
      a.kill();
    }
    fake.close();
    redis.close();
    try {
      Files.writeString(logs.resolve("redis-server.log"), redis.log());
    } catch (IOException e) {
      // only a copy for whoever reads the logs
    }
  }
}
