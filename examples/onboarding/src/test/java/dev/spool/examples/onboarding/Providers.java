package dev.spool.examples.onboarding;

import dev.spool.examples.common.OfflineModels;
import dev.spool.llm.Llm;
import dev.spool.llm.LlmPolicy;
import dev.spool.llm.LlmProvider;
import dev.spool.llm.OpenAiEndpoint;
import dev.spool.llm.ProviderLimits;
import dev.spool.store.LimitStore;
import dev.spool.testkit.llm.FakeLlmServer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The onboarding's end-to-end set-up: a primary and a backup fake provider answering with the
 * offline extractor, each refusing more than {@value #LIMIT} requests in any {@value
 * #WINDOW_SECONDS} s, and counting which pages they extracted.
 */
final class Providers implements AutoCloseable {
  static final int LIMIT = 150;
  static final int WINDOW_SECONDS = 5;

  private static final Pattern PAGE = Pattern.compile("^Page: (\\S+)$", Pattern.MULTILINE);

  final FakeLlmServer primary;
  final FakeLlmServer backup;

  /** Extractions answered, by page URL, over both providers. */
  final Map<String, AtomicInteger> extracted = new ConcurrentHashMap<>();

  Providers() {
    this.primary = fake();
    this.backup = fake();
  }

  private FakeLlmServer fake() {
    OfflineExtractor model = new OfflineExtractor();
    return FakeLlmServer.builder()
        .latency(Duration.ofMillis(20))
        .rateLimit(LIMIT, Duration.ofSeconds(WINDOW_SECONDS))
        .respond(
            OfflineModels.responder(
                (system, user) -> {
                  Matcher m = PAGE.matcher(user);
                  if (m.find()) {
                    extracted
                        .computeIfAbsent(m.group(1), k -> new AtomicInteger())
                        .incrementAndGet();
                  }
                  return model.reply(system, user);
                }))
        .start();
  }

  /** What the workers allow themselves: the fakes' own limit, shared through the store. */
  static ProviderLimits limits() {
    return ProviderLimits.none().requests(LIMIT, Duration.ofSeconds(WINDOW_SECONDS));
  }

  /** Quick retries and a breaker that probes again after a second, so a test sees both. */
  static LlmPolicy policy() {
    return OnboardingApp.POLICY
        .perProvider(dev.spool.RetryPolicy.exponential(2, Duration.ofMillis(100)))
        .breaker(dev.spool.llm.BreakerPolicy.defaults().openFor(Duration.ofSeconds(1)));
  }

  static Llm llm(LimitStore limits, String primaryUrl, String backupUrl) {
    return Llm.builder(limits)
        .provider(provider("primary", primaryUrl))
        .provider(provider("backup", backupUrl))
        .policy(policy())
        .build();
  }

  private static LlmProvider provider(String name, String url) {
    return LlmProvider.openAi(OpenAiEndpoint.of(name, url, "test", "fake-model")).limits(limits());
  }

  @Override
  public void close() {
    primary.close();
    backup.close();
  }
}
