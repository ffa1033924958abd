package dev.spool.store;

import static dev.spool.store.StoreFixtures.assertGapless;
import static dev.spool.store.StoreFixtures.at;
import static dev.spool.store.StoreFixtures.claimAt;
import static dev.spool.store.StoreFixtures.progress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.Event;
import dev.spool.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link RunStore} concurrent appends: gapless, duplicate-free sequence numbers per run, runs
 * independent.
 */
public interface ConcurrencyContract extends StoreContract {

  @Test
  default void concurrentAppendsToOneRunAreGapless() throws Exception {
    Lease lease = createAndClaim("w1");
    int writers = concurrentWriters();
    int each = commitsPerWriter();

    Set<Long> returned = appendConcurrently(List.of(store()), lease, writers, each);

    assertThat(returned).hasSize(writers * each);
    List<Event> events = allEvents(lease.runId());
    assertGapless(events, writers * each + 1);
    assertEachWriterInOrder(events.subList(1, events.size()), writers, each);
    assertThat(run(lease.runId()).lastSeq()).isEqualTo(writers * each + 1L);
  }

  @Test
  default void concurrentAppendsFromTwoClientsAreGapless() throws Exception {
    Optional<Store> other = secondClient();
    assumeTrue(other.isPresent(), "store has no second client");
    Lease lease = createAndClaim("w1");
    int writers = concurrentWriters();
    int each = commitsPerWriter() / 2;

    Set<Long> returned = appendConcurrently(List.of(store(), other.get()), lease, writers, each);

    assertThat(returned).hasSize(writers * each);
    List<Event> events = allEvents(other.get(), lease.runId());
    assertGapless(events, writers * each + 1);
    assertEachWriterInOrder(events.subList(1, events.size()), writers, each);
  }

  @Test
  default void concurrentAppendsToDifferentRunsStayIndependent() throws Exception {
    int runs = 4;
    int each = commitsPerWriter() / 2;
    createRuns(runs);
    List<Lease> leases = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      leases.add(store().claim(claimAt("w1", at(10))).map(Claim::lease).orElseThrow());
    }

    CountDownLatch start = new CountDownLatch(1);
    try (ExecutorService pool = Executors.newFixedThreadPool(runs)) {
      List<Future<?>> done = new ArrayList<>();
      for (Lease lease : leases) {
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < each; i++) {
                    String data = "{\"run\":\"" + lease.runId() + "\",\"i\":" + i + "}";
                    store().commit(lease, Commit.of(progress(at(20), data)));
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(2, TimeUnit.MINUTES);
      }
    }

    for (Lease lease : leases) {
      List<Event> events = allEvents(lease.runId());
      assertGapless(events, each + 1);
      for (int i = 1; i < events.size(); i++) {
        JsonNode data = Json.tree(events.get(i).data());
        assertThat(data.get("run").asText()).isEqualTo(lease.runId());
        assertThat(data.get("i").asInt()).isEqualTo(i - 1);
      }
    }
  }

  @Test
  default void concurrentClaimsHandEachRunToExactlyOneClaimer() throws Exception {
    int runs = 40;
    createRuns(runs);
    List<Store> clients = new ArrayList<>(List.of(store()));
    secondClient().ifPresent(clients::add);
    Map<String, String> owners = new ConcurrentHashMap<>();
    Set<String> doubles = ConcurrentHashMap.newKeySet();
    CountDownLatch start = new CountDownLatch(1);
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        Store client = clients.get(t % clients.size());
        String owner = "w" + t;
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  while (true) {
                    Optional<Lease> lease = client.claim(claimAt(owner, at(100))).map(Claim::lease);
                    if (lease.isEmpty()) {
                      return null;
                    }
                    if (owners.putIfAbsent(lease.get().runId(), owner) != null) {
                      doubles.add(lease.get().runId());
                    }
                  }
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(2, TimeUnit.MINUTES);
      }
    }
    assertThat(doubles).as("runs claimed twice").isEmpty();
    assertThat(owners).hasSize(runs);
    for (String id : owners.keySet()) {
      assertThat(run(id).leaseOwner()).contains(owners.get(id));
      assertThat(run(id).attempt()).isEqualTo(1);
    }
  }

  /** Each writer thread commits {@code each} single-event commits; returns every returned seq. */
  private static Set<Long> appendConcurrently(
      List<Store> clients, Lease lease, int writers, int each) throws Exception {
    Set<Long> returned = ConcurrentHashMap.newKeySet();
    CountDownLatch start = new CountDownLatch(1);
    try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        Store client = clients.get(w % clients.size());
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < each; i++) {
                    String data = "{\"w\":" + writer + ",\"i\":" + i + "}";
                    returned.add(client.commit(lease, Commit.of(progress(at(20), data))));
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(2, TimeUnit.MINUTES);
      }
    }
    return returned;
  }

  /** Every writer's events are all there, once each, in the order that writer committed them. */
  private static void assertEachWriterInOrder(List<Event> events, int writers, int each) {
    Map<Integer, Integer> next = new HashMap<>();
    for (Event e : events) {
      JsonNode data = Json.tree(e.data());
      int writer = data.get("w").asInt();
      int expected = next.getOrDefault(writer, 0);
      assertThat(data.get("i").asInt())
          .as("writer %d at seq %d", writer, e.seq())
          .isEqualTo(expected);
      next.put(writer, expected + 1);
    }
    assertThat(next).hasSize(writers);
    assertThat(next.values()).containsOnly(each);
  }
}
