package dev.spool.bench.chaos;

import dev.spool.Component;
import dev.spool.NonRetryableException;
import dev.spool.TypeRef;
import dev.spool.Workflow;
import dev.spool.WorkflowProvider;
import dev.spool.llm.Llm;
import dev.spool.llm.Prompt;
import dev.spool.llm.Reply;
import dev.spool.store.LimitStore;
import dev.spool.store.Store;
import dev.spool.store.memory.MemoryLimits;
import java.util.ArrayList;
import java.util.List;

/**
 * The chaos harness's workflows, known to {@code spool worker} and {@code spool api} through {@code
 * META-INF/services/dev.spool.WorkflowProvider} on the bench class path.
 *
 * <ul>
 *   <li>{@code chaos-steps}: N sequential steps that each sleep M ms; every execution of a step
 *       body is written to the process's {@link Ledger}, and the step's result carries the
 *       execution's nonce, so the checkpoint names the execution that won.
 *   <li>{@code chaos-llm}: one or two LLM replies streamed into the output stream {@code text}; the
 *       result is their texts joined, which is what a client assembles from the stream.
 * </ul>
 */
public final class ChaosWorkflows implements WorkflowProvider {
  public static final String STEPS = "chaos-steps";
  public static final String LLM = "chaos-llm";
  public static final String OUTPUT_STREAM = "text";

  /** The input of {@code chaos-steps}. */
  public record StepsInput(int steps, int stepMillis) {
    public StepsInput {
      if (steps < 0 || steps > 10_000 || stepMillis < 0 || stepMillis > 60_000) {
        throw new IllegalArgumentException("steps 0..10000, stepMillis 0..60000");
      }
    }
  }

  /** One step's input. */
  public record StepInput(int number, int millis) {}

  /** One step's result: its number and the nonce of the execution that produced it. */
  public record StepResult(int number, String nonce) {}

  /** The input of {@code chaos-llm}. */
  public record LlmInput(String topic, int replies) {
    public LlmInput {
      if (topic == null || replies < 1 || replies > 5) {
        throw new IllegalArgumentException("a topic and 1..5 replies");
      }
    }
  }

  static final Component<StepInput, StepResult> STEP =
      Component.of(
          "step",
          StepResult.class,
          (ctx, in) -> {
            String nonce = Ledger.nonce();
            long start = Ledger.nowNanos();
            Ledger.started(ctx.runId(), ctx.path(), nonce, ctx.attempt(), start);
            if (in.millis() > 0) {
              Thread.sleep(in.millis());
            }
            Ledger.ended(ctx.runId(), ctx.path(), nonce, ctx.attempt(), start, Ledger.nowNanos());
            return new StepResult(in.number(), nonce);
          });

  static final Workflow<StepsInput, List<StepResult>> STEPS_WORKFLOW =
      Workflow.of(
              STEPS,
              StepsInput.class,
              new TypeRef<List<StepResult>>() {},
              (ctx, in) -> {
                List<StepResult> out = new ArrayList<>(in.steps());
                for (int i = 1; i <= in.steps(); i++) {
                  out.add(ctx.call(STEP, new StepInput(i, in.stepMillis())));
                }
                return out;
              })
          .description("Chaos harness: N ledgered steps of M ms each.");

  @Override
  public List<Workflow<?, ?>> workflows() {
    return List.of(STEPS_WORKFLOW, llmWorkflow(new MemoryLimits()));
  }

  @Override
  public List<Workflow<?, ?>> workflows(Store store) {
    return List.of(STEPS_WORKFLOW, llmWorkflow(store.limits()));
  }

  /** Providers from SPOOL_LLM_* when set; else the workflow is listed but its runs fail. */
  private static Workflow<LlmInput, String> llmWorkflow(LimitStore limits) {
    Component<Prompt, Reply> write;
    if (System.getenv("SPOOL_LLM_BASE_URL") != null
        || System.getenv("SPOOL_LLM_PROVIDERS") != null) {
      write = Llm.fromEnvironment(limits).stream("write", OUTPUT_STREAM);
    } else {
      write =
          Component.of(
              "write",
              Reply.class,
              (ctx, p) -> {
                throw new NonRetryableException("chaos-llm needs SPOOL_LLM_BASE_URL and friends");
              });
    }
    return Workflow.of(
            LLM,
            LlmInput.class,
            String.class,
            (ctx, in) -> {
              StringBuilder text = new StringBuilder();
              for (int i = 1; i <= in.replies(); i++) {
                text.append(
                    ctx.call(write, Prompt.of("Part " + i + " about " + in.topic())).text());
              }
              return text.toString();
            })
        .description("Chaos harness: one or two LLM replies streamed into output 'text'.");
  }
}
