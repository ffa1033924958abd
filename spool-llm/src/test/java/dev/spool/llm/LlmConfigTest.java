package dev.spool.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LlmConfigTest {
  @Test
  void oneProviderFromTheEnvironment() {
    List<LlmProvider> ps =
        LlmConfig.fromEnvironment(
            Map.of(
                "SPOOL_LLM_BASE_URL", "http://127.0.0.1:9/v1",
                "SPOOL_LLM_API_KEY", "k",
                "SPOOL_LLM_MODEL", "gpt-4o-mini",
                "SPOOL_LLM_RPM", "60",
                "SPOOL_LLM_MAX_CONCURRENT", "4"));
    assertThat(ps).hasSize(1);
    LlmProvider p = ps.get(0);
    assertThat(p.name()).isEqualTo("primary");
    assertThat(p.model()).isEqualTo("gpt-4o-mini");
    assertThat(p.streamingModel()).isPresent();
    assertThat(p.limits().requests()).contains(RateLimit.perMinute(60));
    assertThat(p.limits().maxConcurrent()).isEqualTo(4);
    assertThat(p.limits().tokens()).isEmpty();
  }

  @Test
  void severalProvidersInFailoverOrder() {
    List<LlmProvider> ps =
        LlmConfig.fromEnvironment(
            Map.of(
                "SPOOL_LLM_PROVIDERS", "openai, local-vllm",
                "SPOOL_LLM_OPENAI_BASE_URL", "https://api.example/v1",
                "SPOOL_LLM_OPENAI_MODEL", "big",
                "OPENAI_API_KEY", "shared",
                "SPOOL_LLM_LOCAL_VLLM_BASE_URL", "http://127.0.0.1:8000/v1",
                "SPOOL_LLM_LOCAL_VLLM_MODEL", "small",
                "SPOOL_LLM_LOCAL_VLLM_API_KEY", "none",
                "SPOOL_LLM_LOCAL_VLLM_TPM", "1000",
                "SPOOL_LLM_LOCAL_VLLM_TIMEOUT", "30s"));
    assertThat(ps).extracting(LlmProvider::name).containsExactly("openai", "local-vllm");
    assertThat(ps.get(1).limits().tokens()).contains(new RateLimit(1000, Duration.ofMinutes(1)));
  }

  @Test
  void aMissingOrWrongVariableIsNamed() {
    assertThatThrownBy(() -> LlmConfig.fromEnvironment(Map.of("SPOOL_LLM_MODEL", "m")))
        .hasMessageContaining("SPOOL_LLM_BASE_URL");
    assertThatThrownBy(
            () ->
                LlmConfig.fromEnvironment(
                    Map.of(
                        "SPOOL_LLM_BASE_URL", "http://x/v1",
                        "SPOOL_LLM_MODEL", "m",
                        "SPOOL_LLM_API_KEY", "k",
                        "SPOOL_LLM_RPM", "lots")))
        .hasMessageContaining("SPOOL_LLM_RPM");
    assertThatThrownBy(
            () ->
                LlmConfig.fromEnvironment(
                    Map.of("SPOOL_LLM_BASE_URL", "http://x/v1", "SPOOL_LLM_MODEL", "m")))
        .hasMessageContaining("SPOOL_LLM_API_KEY");
  }
}
