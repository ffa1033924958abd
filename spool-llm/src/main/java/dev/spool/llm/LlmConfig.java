package dev.spool.llm;

import dev.spool.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * OpenAI-compatible providers configured by environment variables, so that pointing Spool at a real
 * provider (or at the fake) needs no code.
 *
 * <p>One provider:
 *
 * <pre>
 * SPOOL_LLM_BASE_URL=https://api.openai.com/v1   (required)
 * SPOOL_LLM_API_KEY=sk-…                         (else OPENAI_API_KEY)
 * SPOOL_LLM_MODEL=gpt-4o-mini                    (required)
 * SPOOL_LLM_NAME=openai                          (default: primary)
 * SPOOL_LLM_RPM=500  SPOOL_LLM_TPM=200000  SPOOL_LLM_MAX_CONCURRENT=8  SPOOL_LLM_TIMEOUT=120s
 * </pre>
 *
 * <p>Several, in failover order: {@code SPOOL_LLM_PROVIDERS=openai,backup}, then the same variables
 * per provider with its name upper-cased after {@code SPOOL_LLM_} ({@code
 * SPOOL_LLM_OPENAI_BASE_URL}, {@code SPOOL_LLM_BACKUP_MODEL}, …; {@code -} and {@code .} become
 * {@code _}).
 */
public final class LlmConfig {
  private LlmConfig() {}

  /** The providers the process environment configures. */
  public static List<LlmProvider> fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  /**
   * The providers {@code env} configures.
   *
   * @throws IllegalArgumentException naming the variable that is missing or wrong
   */
  public static List<LlmProvider> fromEnvironment(Map<String, String> env) {
    Optional<String> list = get(env, "SPOOL_LLM_PROVIDERS");
    List<LlmProvider> out = new ArrayList<>();
    if (list.isEmpty()) {
      String name = get(env, "SPOOL_LLM_NAME").orElse("primary");
      out.add(provider(env, name, "SPOOL_LLM_"));
      return List.copyOf(out);
    }
    for (String raw : list.get().split(",")) {
      String name = raw.trim();
      if (name.isEmpty()) {
        continue;
      }
      String prefix =
          "SPOOL_LLM_" + name.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_') + "_";
      out.add(provider(env, name, prefix));
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("SPOOL_LLM_PROVIDERS names no provider");
    }
    return List.copyOf(out);
  }

  private static LlmProvider provider(Map<String, String> env, String name, String prefix) {
    String baseUrl = require(env, prefix + "BASE_URL");
    String model = require(env, prefix + "MODEL");
    String key =
        get(env, prefix + "API_KEY")
            .or(() -> get(env, "OPENAI_API_KEY"))
            .orElseThrow(
                () ->
                    new IllegalArgumentException("set " + prefix + "API_KEY (or OPENAI_API_KEY)"));
    Duration timeout =
        get(env, prefix + "TIMEOUT").map(LlmConfig::duration).orElse(Duration.ofSeconds(120));
    ProviderLimits limits = ProviderLimits.none();
    Optional<Long> rpm = number(env, prefix + "RPM");
    if (rpm.isPresent()) {
      limits = limits.requestsPerMinute(rpm.get());
    }
    Optional<Long> tpm = number(env, prefix + "TPM");
    if (tpm.isPresent()) {
      limits = limits.tokensPerMinute(tpm.get());
    }
    Optional<Long> concurrent = number(env, prefix + "MAX_CONCURRENT");
    if (concurrent.isPresent()) {
      limits = limits.maxConcurrent(Math.toIntExact(concurrent.get()));
    }
    return LlmProvider.openAi(new OpenAiEndpoint(name, baseUrl, key, model, timeout))
        .limits(limits);
  }

  private static Optional<String> get(Map<String, String> env, String key) {
    return Optional.ofNullable(env.get(key)).map(String::trim).filter(s -> !s.isEmpty());
  }

  private static String require(Map<String, String> env, String key) {
    return get(env, key).orElseThrow(() -> new IllegalArgumentException("set " + key));
  }

  private static Optional<Long> number(Map<String, String> env, String key) {
    return get(env, key)
        .map(
            v -> {
              try {
                long n = Long.parseLong(v);
                if (n < 1) {
                  throw new NumberFormatException();
                }
                return n;
              } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be a whole number >= 1, got " + v);
              }
            });
  }

  private static Duration duration(String v) {
    return Durations.parse(v);
  }
}
