package dev.spool.llm;

import dev.spool.Component;
import dev.spool.Context;
import dev.spool.SpoolClock;
import dev.spool.llm.internal.JsonReply;
import dev.spool.llm.internal.LlmEngine;
import dev.spool.store.LimitStore;
import dev.spool.store.memory.MemoryLimits;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * LLM calls as durable steps: each call is one traced, checkpointed step whose input is the {@link
 * Prompt} and whose output is the {@link Reply} (or the structured value). Providers are tried in
 * order with retries, circuit breakers and rate limits shared by every worker of the store; every
 * retry, wait, breaker change and failover is an {@code llm.*} event ({@link LlmEvents}).
 *
 * <pre>{@code
 * Llm llm = Llm.builder(store)                   // the run store: limits hold across workers
 *     .providers(LlmConfig.fromEnvironment())    // SPOOL_LLM_BASE_URL, SPOOL_LLM_API_KEY, …
 *     .build();
 * Component<Prompt, Outline> outline = llm.structured("outline", Outline.class);
 * Component<Prompt, Reply> write = llm.stream("write", "text"); // tokens go to output "text"
 *
 * Workflow.of("blog", Topic.class, String.class, (ctx, topic) -> {
 *   Outline o = ctx.call(outline, Prompt.of("Outline a post about " + topic.text()));
 *   return ctx.call(write, Prompt.of("Write: " + o)).text();
 * });
 * }</pre>
 *
 * <p>Make one {@code Llm} per process and keep it: its circuit breakers live in it.
 */
public final class Llm {
  private final LlmEngine engine;
  private final List<LlmProvider> providers;

  private Llm(Builder b) {
    this.providers = List.copyOf(b.providers);
    this.engine = new LlmEngine(providers, b.policy, b.limits, b.clock);
  }

  /** Limits kept in {@code limits} (a store's {@code limits()}): every worker of it obeys them. */
  public static Builder builder(LimitStore limits) {
    return new Builder(Objects.requireNonNull(limits, "limits"));
  }

  /** Limits kept in this process only (tests, one-worker tools). */
  public static Builder builder() {
    return new Builder(new MemoryLimits());
  }

  /** The providers the environment configures ({@link LlmConfig}), limits in {@code limits}. */
  public static Llm fromEnvironment(LimitStore limits) {
    return builder(limits).providers(LlmConfig.fromEnvironment()).build();
  }

  public List<LlmProvider> providers() {
    return providers;
  }

  /** A step that asks the providers and returns the whole reply. */
  public Component<Prompt, Reply> chat(String name) {
    return Component.of(
        name, Reply.class, (ctx, prompt) -> engine.call(ctx, prompt, Optional.empty(), false));
  }

  /**
   * A step that streams the reply's tokens into the run's output stream {@code outputStream} as
   * they arrive, and returns the whole reply. If the stream breaks off and the call starts over
   * (here, or in a new attempt after a crash), the partial output is superseded: the text a client
   * assembles ({@link dev.spool.OutputAssembler}) equals the reply's.
   */
  public Component<Prompt, Reply> stream(String name, String outputStream) {
    Objects.requireNonNull(outputStream, "outputStream");
    return Component.of(
        name,
        Reply.class,
        (ctx, prompt) -> engine.call(ctx, prompt, Optional.of(outputStream), false));
  }

  /**
   * A step that asks for JSON of {@code type}'s shape, validates the reply and, on a mismatch, asks
   * again with the error ({@code llm.invalid_output}), up to the policy's structured attempts.
   */
  public <T> Component<Prompt, T> structured(String name, Class<T> type) {
    Objects.requireNonNull(type, "type");
    return Component.of(name, type, (ctx, prompt) -> structuredCall(ctx, prompt, type));
  }

  /** {@link #chat} as a child step named {@code llm} of the calling step. */
  public Reply call(Context ctx, Prompt prompt) {
    return ctx.call(chat("llm"), prompt);
  }

  /** {@link #stream} as a child step named {@code llm} of the calling step. */
  public Reply stream(Context ctx, String outputStream, Prompt prompt) {
    return ctx.call(stream("llm", outputStream), prompt);
  }

  /** {@link #structured} as a child step named {@code llm} of the calling step. */
  public <T> T structured(Context ctx, Class<T> type, String prompt) {
    return ctx.call(structured("llm", type), Prompt.of(prompt));
  }

  private <T> T structuredCall(Context ctx, Prompt prompt, Class<T> type) {
    String instruction = "Reply with only " + JsonReply.shape(type) + ". No prose, no code fence.";
    Prompt current =
        prompt.withSystem(prompt.system().map(s -> s + "\n\n" + instruction).orElse(instruction));
    int attempts = engine.policy().structuredAttempts();
    String lastError = "";
    for (int i = 1; i <= attempts; i++) {
      Reply r = engine.call(ctx, current, Optional.empty(), true);
      try {
        return JsonReply.read(r.text(), type);
      } catch (IllegalArgumentException e) {
        lastError = e.getMessage();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("provider", r.provider());
        data.put("attempt", i);
        data.put("error", lastError);
        ctx.event(LlmEvents.INVALID_OUTPUT, data);
        current =
            current.followUp(
                r.text(),
                "That reply is not valid: "
                    + lastError
                    + ". Reply again with only the corrected JSON.");
      }
    }
    throw new LlmOutputException(
        "no reply fit " + type.getSimpleName() + " in " + attempts + " tries: " + lastError);
  }

  /** Configures an {@link Llm}: providers in failover order, the policy, the clock. */
  public static final class Builder {
    private final LimitStore limits;
    private final List<LlmProvider> providers = new ArrayList<>();
    private LlmPolicy policy = LlmPolicy.defaults();
    private SpoolClock clock = SpoolClock.system();

    private Builder(LimitStore limits) {
      this.limits = limits;
    }

    /** Adds a provider after those added before (the first is asked first). */
    public Builder provider(LlmProvider p) {
      for (LlmProvider q : providers) {
        if (q.name().equals(p.name())) {
          throw new IllegalArgumentException("two providers named " + p.name());
        }
      }
      providers.add(Objects.requireNonNull(p, "provider"));
      return this;
    }

    public Builder providers(List<LlmProvider> ps) {
      ps.forEach(this::provider);
      return this;
    }

    public Builder policy(LlmPolicy p) {
      this.policy = Objects.requireNonNull(p, "policy");
      return this;
    }

    /** The clock limits are read and waits are slept on (tests pass a manual one). */
    public Builder clock(SpoolClock c) {
      this.clock = Objects.requireNonNull(c, "clock");
      return this;
    }

    public Llm build() {
      return new Llm(this);
    }
  }
}
