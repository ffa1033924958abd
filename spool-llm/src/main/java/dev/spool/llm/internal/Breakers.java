package dev.spool.llm.internal;

import dev.spool.llm.BreakerPolicy;
import dev.spool.llm.LlmEvents;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One Resilience4j circuit breaker per provider, in this process. Each use reports a state change
 * it caused as an {@code llm.breaker} event on the calling run's stream.
 */
final class Breakers {
  private final CircuitBreakerConfig config;
  private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();

  Breakers(BreakerPolicy p) {
    this.config =
        CircuitBreakerConfig.custom()
            .failureRateThreshold(p.failureRatePercent())
            .minimumNumberOfCalls(p.minimumCalls())
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .slidingWindowSize(p.window())
            .waitDurationInOpenState(p.openFor())
            .permittedNumberOfCallsInHalfOpenState(p.probes())
            .automaticTransitionFromOpenToHalfOpenEnabled(false)
            .build();
  }

  CircuitBreaker of(String provider) {
    return breakers.computeIfAbsent(provider, n -> CircuitBreaker.of(n, config));
  }

  /** Asks for permission to call; false while the breaker is open (or its probes are out). */
  boolean permit(Waiter w, String provider) {
    CircuitBreaker cb = of(provider);
    CircuitBreaker.State before = cb.getState();
    boolean ok = cb.tryAcquirePermission();
    report(w, provider, before, cb.getState());
    return ok;
  }

  void success(Waiter w, String provider, Duration took) {
    CircuitBreaker cb = of(provider);
    CircuitBreaker.State before = cb.getState();
    cb.onSuccess(took.toNanos(), TimeUnit.NANOSECONDS);
    report(w, provider, before, cb.getState());
  }

  void outage(Waiter w, String provider, Duration took, Throwable error) {
    CircuitBreaker cb = of(provider);
    CircuitBreaker.State before = cb.getState();
    cb.onError(took.toNanos(), TimeUnit.NANOSECONDS, error);
    report(w, provider, before, cb.getState());
  }

  /** The call ended in a way that says nothing about the provider's health (429, 4xx). */
  void neutral(String provider) {
    of(provider).releasePermission();
  }

  private static void report(
      Waiter w, String provider, CircuitBreaker.State from, CircuitBreaker.State to) {
    if (from != to) {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("provider", provider);
      data.put("from", from.name());
      data.put("to", to.name());
      w.ctx().event(LlmEvents.BREAKER, data);
    }
  }
}
