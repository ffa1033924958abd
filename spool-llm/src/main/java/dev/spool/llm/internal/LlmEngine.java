package dev.spool.llm.internal;

import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.spool.Context;
import dev.spool.EventTypes;
import dev.spool.NonRetryableException;
import dev.spool.RetryPolicy;
import dev.spool.RunCancelledException;
import dev.spool.SpoolClock;
import dev.spool.llm.LlmEvents;
import dev.spool.llm.LlmPolicy;
import dev.spool.llm.LlmProvider;
import dev.spool.llm.LlmUnavailableException;
import dev.spool.llm.Prompt;
import dev.spool.llm.Reply;
import dev.spool.llm.Usage;
import dev.spool.store.LimitStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One LLM call inside a step: providers in order; for each, wait for its shared limits, ask its
 * breaker, send, and on failure retry (outage), wait as told (429), or move on (failover). Every
 * such decision is an {@code llm.*} event on the run's stream.
 */
public final class LlmEngine {
  private static final Duration STREAM_SILENCE_LIMIT = Duration.ofMinutes(2);
  private static final Duration MIN_RETRY_AFTER = Duration.ofMillis(100);
  private static final int MAX_429_PER_PROVIDER = 50;

  private final List<LlmProvider> providers;
  private final LlmPolicy policy;
  private final SharedLimits limits;
  private final Breakers breakers;
  private final SpoolClock clock;

  public LlmEngine(
      List<LlmProvider> providers, LlmPolicy policy, LimitStore limitsStore, SpoolClock clock) {
    if (providers.isEmpty()) {
      throw new IllegalArgumentException("an LLM needs at least one provider");
    }
    this.providers = List.copyOf(providers);
    this.policy = policy;
    this.limits = new SharedLimits(limitsStore);
    this.breakers = new Breakers(policy.breaker());
    this.clock = clock;
  }

  public LlmPolicy policy() {
    return policy;
  }

  /** How one provider's turn ended when it did not answer. */
  private record Miss(String reason, String summary, Optional<Failure> failure, Throwable error) {}

  /** A provider's turn: the reply, or why it has none. */
  private record Turn(Optional<Reply> reply, Optional<Miss> miss) {
    static Turn answered(Reply r) {
      return new Turn(Optional.of(r), Optional.empty());
    }

    static Turn missed(Miss m) {
      return new Turn(Optional.empty(), Optional.of(m));
    }
  }

  /**
   * Asks the providers in order until one answers.
   *
   * @param stream the output stream tokens go to as they arrive; empty for a plain call
   * @throws LlmUnavailableException when none answered
   * @throws NonRetryableException when a provider refused the request itself (400 and the like)
   */
  public Reply call(Context ctx, Prompt prompt, Optional<String> stream, boolean json) {
    Waiter w = new Waiter(ctx, clock, policy.heartbeatEvery());
    ChatRequest request = Requests.of(prompt, json);
    long estimate = Requests.estimateTokens(prompt, policy.outputEstimate());
    int[] attempts = {0};
    List<String> reasons = new ArrayList<>();
    Throwable last = null;
    for (int i = 0; i < providers.size(); i++) {
      LlmProvider p = providers.get(i);
      Turn turn = turn(w, p, request, stream, estimate, attempts);
      if (turn.reply().isPresent()) {
        return turn.reply().get();
      }
      Miss miss = turn.miss().orElseThrow();
      reasons.add(p.name() + " (" + miss.reason() + "): " + miss.summary());
      last = miss.error() != null ? miss.error() : last;
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("from", p.name());
      data.put("to", i + 1 < providers.size() ? providers.get(i + 1).name() : null);
      data.put("reason", miss.reason());
      data.put(
          "error", miss.failure().map(Failure::describe).orElse(Map.of("message", miss.summary())));
      if (i + 1 < providers.size()) {
        ctx.event(LlmEvents.FAILOVER, data);
      }
    }
    throw new LlmUnavailableException(
        "no LLM provider answered: " + String.join("; ", reasons), last);
  }

  private Turn turn(
      Waiter w,
      LlmProvider p,
      ChatRequest request,
      Optional<String> stream,
      long estimate,
      int[] attempts) {
    RetryPolicy retry = policy.perProvider();
    Duration budget = policy.maxThrottleWait();
    int outageAttempts = 0;
    int throttles = 0;
    while (true) {
      SharedLimits.Permit permit;
      try {
        permit = limits.acquire(w, p, estimate, budget);
      } catch (SharedLimits.OverBudget e) {
        return Turn.missed(new Miss("throttled", e.getMessage(), Optional.empty(), e));
      }
      budget = budget.minus(permit.waited());
      boolean settled = false;
      try {
        if (!breakers.permit(w, p.name())) {
          settled = true;
          return Turn.missed(
              new Miss("breaker-open", "circuit breaker is open", Optional.empty(), null));
        }
        attempts[0]++;
        outageAttempts++;
        int[] chunks = {0};
        long t0 = System.nanoTime();
        try {
          ChatResponse r = send(w, p, request, stream, permit, chunks);
          Duration took = Duration.ofNanos(System.nanoTime() - t0);
          breakers.success(w, p.name(), took);
          settled = true;
          Reply reply = reply(r, p, took, attempts[0]);
          usage(w, reply, stream.isPresent(), chunks[0]);
          return Turn.answered(reply);
        } catch (RunCancelledException e) {
          throw e;
        } catch (RuntimeException e) {
          if (Thread.currentThread().isInterrupted()) {
            throw e; // the step is being given up: nothing to retry
          }
          Duration took = Duration.ofNanos(System.nanoTime() - t0);
          Failure f = Failure.of(e);
          if (chunks[0] > 0) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("reason", "llm-" + f.kind().name().toLowerCase(Locale.ROOT));
            data.put("provider", p.name());
            w.ctx().event(EventTypes.OUTPUT_SUPERSEDED, data);
          }
          switch (f.kind()) {
            case THROTTLED -> {
              breakers.neutral(p.name());
              settled = true;
              outageAttempts--;
              if (++throttles > MAX_429_PER_PROVIDER) {
                return Turn.missed(new Miss("throttled", f.summary(), Optional.of(f), e));
              }
              Duration wait = f.retryAfter().orElse(policy.defaultRetryAfter());
              if (wait.compareTo(MIN_RETRY_AFTER) < 0) {
                wait = MIN_RETRY_AFTER;
              }
              limits.hold(p, clock.now().plus(wait));
              Map<String, Object> data = new LinkedHashMap<>();
              data.put("provider", p.name());
              data.put("reason", "429");
              data.put("retryAfterMs", wait.toMillis());
              data.put("providerSaid", f.retryAfter().isPresent());
              w.ctx().event(LlmEvents.THROTTLED, data);
            }
            case UNUSABLE -> {
              breakers.neutral(p.name());
              settled = true;
              return Turn.missed(new Miss("unusable", f.summary(), Optional.of(f), e));
            }
            case REJECTED -> {
              breakers.neutral(p.name());
              settled = true;
              throw new NonRetryableException(
                  "provider " + p.name() + " refused the request: " + f.summary(), e);
            }
            case OUTAGE -> {
              breakers.outage(w, p.name(), took, e);
              settled = true;
              if (outageAttempts >= retry.maxAttempts()) {
                return Turn.missed(new Miss("outage", f.summary(), Optional.of(f), e));
              }
              Duration delay =
                  retry.delayAfter(outageAttempts, ThreadLocalRandom.current().nextDouble());
              Map<String, Object> data = new LinkedHashMap<>();
              data.put("provider", p.name());
              data.put("attempt", outageAttempts);
              data.put("error", f.describe());
              data.put("delayMs", delay.toMillis());
              w.ctx().event(LlmEvents.RETRY, data);
              limits.release(permit);
              w.sleep(delay);
            }
          }
        }
      } finally {
        if (!settled) {
          breakers.neutral(p.name());
        }
        limits.release(permit);
      }
    }
  }

  private ChatResponse send(
      Waiter w,
      LlmProvider p,
      ChatRequest request,
      Optional<String> stream,
      SharedLimits.Permit permit,
      int[] chunks) {
    Context ctx = w.ctx();
    long[] lastRenew = {System.nanoTime()};
    long renewEvery = p.limits().slotTtl().toNanos() / 3;
    Runnable alive =
        () -> {
          ctx.heartbeat();
          if (System.nanoTime() - lastRenew[0] > renewEvery) {
            limits.renew(w, permit);
            lastRenew[0] = System.nanoTime();
          }
        };
    if (stream.isPresent() && p.streamingModel().isPresent()) {
      return StreamBridge.stream(
          p.streamingModel().get(),
          request,
          token -> {
            ctx.output(stream.get(), token);
            chunks[0]++;
            alive.run();
          },
          alive,
          w.beatEvery(),
          STREAM_SILENCE_LIMIT);
    }
    ChatResponse r = Blocking.call(() -> p.chatModel().chat(request), alive, w.beatEvery());
    if (stream.isPresent() && r.aiMessage() != null && r.aiMessage().text() != null) {
      ctx.output(stream.get(), r.aiMessage().text());
      chunks[0]++;
    }
    return r;
  }

  private static Reply reply(ChatResponse r, LlmProvider p, Duration took, int attempts) {
    String text = r.aiMessage() == null || r.aiMessage().text() == null ? "" : r.aiMessage().text();
    TokenUsage u = r.tokenUsage();
    Usage usage =
        u == null
            ? Usage.NONE
            : new Usage(
                u.inputTokenCount() == null ? 0 : u.inputTokenCount(),
                u.outputTokenCount() == null ? 0 : u.outputTokenCount());
    String model = r.modelName() == null ? p.model() : r.modelName();
    String finish =
        r.finishReason() == null ? "unknown" : r.finishReason().name().toLowerCase(Locale.ROOT);
    return new Reply(text, p.name(), model, usage, took.toMillis(), attempts, finish);
  }

  private static void usage(Waiter w, Reply r, boolean streamed, int chunks) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("provider", r.provider());
    data.put("model", r.model());
    data.put("inputTokens", r.usage().inputTokens());
    data.put("outputTokens", r.usage().outputTokens());
    data.put("totalTokens", r.usage().totalTokens());
    data.put("latencyMs", r.latencyMs());
    data.put("attempts", r.attempts());
    data.put("streamed", streamed);
    data.put("chunks", chunks);
    w.ctx().event(LlmEvents.USAGE, data);
  }
}
