package dev.spool.examples.common;

import dev.spool.llm.Llm;
import dev.spool.llm.LlmConfig;
import dev.spool.llm.LlmPolicy;
import dev.spool.llm.LlmProvider;
import dev.spool.llm.OpenAiEndpoint;
import dev.spool.llm.ProviderLimits;
import dev.spool.store.LimitStore;
import dev.spool.testkit.llm.FakeLlmServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where an example's LLM calls go. With {@code SPOOL_LLM_BASE_URL} (or {@code SPOOL_LLM_PROVIDERS})
 * set, to the OpenAI-compatible providers those variables describe ({@link LlmConfig}); otherwise
 * to fake providers the example starts itself on loopback, answering with its deterministic {@link
 * OfflineModel}. The workflow code is the same either way.
 *
 * <pre>{@code
 * ExampleLlm where = ExampleLlm.start(System.getenv(), () -> List.of(
 *     OfflineProvider.of("offline", FakeLlmServer.builder().respond(OfflineModels.responder(model)))));
 * Llm llm = where.llm(store.limits()); // limits shared by every worker of the store
 * }</pre>
 */
public final class ExampleLlm implements AutoCloseable {
  private static final String OFFLINE_MODEL = "fake-model";

  /**
   * A fake provider an example starts when no real one is configured.
   *
   * @param name the provider's name in {@code llm.*} events and limit keys
   * @param fake how the fake behaves (its responder is the example's offline model)
   * @param limits what the example's LLM layer allows itself against it
   */
  public record OfflineProvider(String name, FakeLlmServer.Builder fake, ProviderLimits limits) {
    public OfflineProvider {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(fake, "fake");
      Objects.requireNonNull(limits, "limits");
    }

    public static OfflineProvider of(String name, FakeLlmServer.Builder fake) {
      return new OfflineProvider(name, fake, ProviderLimits.none());
    }
  }

  private final List<LlmProvider> providers;
  private final List<FakeLlmServer> fakes;
  private final String description;

  private ExampleLlm(List<LlmProvider> providers, List<FakeLlmServer> fakes, String description) {
    this.providers = List.copyOf(providers);
    this.fakes = List.copyOf(fakes);
    this.description = description;
  }

  /** Whether {@code env} configures real providers. */
  public static boolean configured(Map<String, String> env) {
    return present(env, "SPOOL_LLM_BASE_URL") || present(env, "SPOOL_LLM_PROVIDERS");
  }

  /**
   * The providers {@code env} configures, or, when it configures none, the offline fakes started
   * now (their threads are daemons; {@link #close()} stops them).
   *
   * @throws IllegalArgumentException when {@code env} configures providers wrongly, naming the
   *     variable
   */
  public static ExampleLlm start(Map<String, String> env, Supplier<List<OfflineProvider>> offline) {
    if (configured(env)) {
      List<LlmProvider> ps = LlmConfig.fromEnvironment(env);
      List<String> names = new ArrayList<>();
      ps.forEach(p -> names.add(p.name() + " (" + p.model() + ")"));
      return new ExampleLlm(
          ps, List.of(), "providers from SPOOL_LLM_*: " + String.join(", ", names));
    }
    List<LlmProvider> ps = new ArrayList<>();
    List<FakeLlmServer> fakes = new ArrayList<>();
    List<String> where = new ArrayList<>();
    try {
      for (OfflineProvider o : offline.get()) {
        FakeLlmServer fake = Daemons.start("fake-llm-start", o.fake()::start);
        fakes.add(fake);
        ps.add(
            LlmProvider.openAi(
                    OpenAiEndpoint.of(o.name(), fake.baseUrl(), "offline", OFFLINE_MODEL))
                .limits(o.limits()));
        where.add(o.name() + " " + fake.baseUrl());
      }
    } catch (RuntimeException e) {
      fakes.forEach(FakeLlmServer::close);
      throw e;
    }
    return new ExampleLlm(
        ps,
        fakes,
        "offline fake provider"
            + (ps.size() > 1 ? "s " : " ")
            + String.join(", ", where)
            + " (set SPOOL_LLM_BASE_URL, SPOOL_LLM_API_KEY and SPOOL_LLM_MODEL for a real one)");
  }

  /** Real providers, as given (tests, or code that builds its own). */
  public static ExampleLlm of(List<LlmProvider> providers) {
    return new ExampleLlm(providers, List.of(), "providers " + providers);
  }

  public List<LlmProvider> providers() {
    return providers;
  }

  /** The fakes this started, in provider order; empty with real providers. */
  public List<FakeLlmServer> fakes() {
    return fakes;
  }

  /** The fake named {@code name}, if this started one. */
  public Optional<FakeLlmServer> fake(String name) {
    for (int i = 0; i < providers.size(); i++) {
      if (providers.get(i).name().equals(name) && i < fakes.size()) {
        return Optional.of(fakes.get(i));
      }
    }
    return Optional.empty();
  }

  /** An LLM on these providers whose limits live in {@code limits}, shared by all its workers. */
  public Llm llm(LimitStore limits) {
    return llm(limits, LlmPolicy.defaults());
  }

  /** {@link #llm(LimitStore)} with its own retries, breakers and waits. */
  public Llm llm(LimitStore limits, LlmPolicy policy) {
    return Llm.builder(limits).providers(providers).policy(policy).build();
  }

  /** One line for people: which providers, and how to change them. */
  public String describe() {
    return description;
  }

  @Override
  public void close() {
    fakes.forEach(FakeLlmServer::close);
  }

  private static boolean present(Map<String, String> env, String key) {
    String v = env.get(key);
    return v != null && !v.isBlank();
  }
}
