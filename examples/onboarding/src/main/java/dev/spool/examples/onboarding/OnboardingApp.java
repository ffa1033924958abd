package dev.spool.examples.onboarding;

import dev.spool.examples.common.ExampleLlm;
import dev.spool.examples.common.HttpWeb;
import dev.spool.examples.common.Lazy;
import dev.spool.examples.common.LocalWeb;
import dev.spool.examples.common.OfflineModels;
import dev.spool.llm.BreakerPolicy;
import dev.spool.llm.Llm;
import dev.spool.llm.LlmPolicy;
import dev.spool.llm.ProviderLimits;
import dev.spool.store.LimitStore;
import dev.spool.testkit.llm.FakeLlmServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The onboarding example as a process runs it: the made-up company sites on a local web, and the
 * model: the providers {@code SPOOL_LLM_*} configure, else two fake providers on loopback answering
 * with the {@link OfflineExtractor}, a primary and a backup, each allowing {@value #OFFLINE_RPM}
 * requests a minute. The primary has one outage of {@value #OUTAGE_SECONDS} seconds after its
 * {@value #OUTAGE_AFTER}th request, so the first run shows failover and recovery.
 */
public final class OnboardingApp implements AutoCloseable {
  static final int OFFLINE_RPM = 240;
  static final int OUTAGE_AFTER = 60;
  static final int OUTAGE_SECONDS = 8;

  /** Breakers probe a failed provider again after 5 s, so a run sees it come back. */
  public static final LlmPolicy POLICY =
      LlmPolicy.defaults().breaker(BreakerPolicy.defaults().openFor(Duration.ofSeconds(5)));

  private final CompanySite sites = new CompanySite();
  private final Lazy<LocalWeb> web;
  private final Lazy<ExampleLlm> llm;

  private OnboardingApp(Map<String, String> env) {
    this.web = Lazy.of(() -> LocalWeb.start(sites));
    this.llm = Lazy.of(() -> ExampleLlm.start(env, OnboardingApp::offline));
  }

  /**
   * @param env where {@code SPOOL_LLM_*} are read from
   */
  public static OnboardingApp create(Map<String, String> env) {
    return new OnboardingApp(env);
  }

  /** The fake providers started when {@code SPOOL_LLM_*} configure none. */
  static List<ExampleLlm.OfflineProvider> offline() {
    ProviderLimits limits = ProviderLimits.none().requestsPerMinute(OFFLINE_RPM).maxConcurrent(8);
    return List.of(
        new ExampleLlm.OfflineProvider(
            "primary",
            FakeLlmServer.builder()
                .respond(OfflineModels.responder(new OfflineExtractor()))
                .latency(Duration.ofMillis(250))
                .tokensPerSecond(400)
                .requestsPerMinute(OFFLINE_RPM)
                .downAfter(OUTAGE_AFTER, Duration.ofSeconds(OUTAGE_SECONDS)),
            limits),
        new ExampleLlm.OfflineProvider(
            "backup",
            FakeLlmServer.builder()
                .respond(OfflineModels.responder(new OfflineExtractor()))
                .latency(Duration.ofMillis(400))
                .tokensPerSecond(300)
                .requestsPerMinute(OFFLINE_RPM),
            limits));
  }

  /** The workflow's parts, its LLM keeping its limits in {@code limits} (its store's, to share). */
  public Onboarding on(LimitStore limits) {
    Lazy<Llm> model = Lazy.of(() -> llm.get().llm(limits, POLICY));
    return new Onboarding(model, new HttpWeb(web, 16));
  }

  public CompanySite sites() {
    return sites;
  }

  /** Where the model calls go (starting the offline fakes if that is where). */
  public ExampleLlm llm() {
    return llm.get();
  }

  @Override
  public void close() {
    if (llm.isMade()) {
      llm.get().close();
    }
    if (web.isMade()) {
      web.get().close();
    }
  }
}
