package dev.spool.cli;

import dev.spool.Component;
import dev.spool.Context;
import dev.spool.Workflow;
import dev.spool.WorkflowProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The {@code patch-demo} workflow in two releases, for tests that replace a worker process by one
 * with newer code: a worker started with {@code SPOOL_TEST_PATCH_CODE=old} has the code from before
 * the patch, {@code new} the code with it. Without the variable it provides nothing, so other tests
 * of the command see only the usual workflows.
 *
 * <p>Both releases draft, wait for the signal {@code start}, wait for {@code go}, and publish; the
 * new one adds a review between the two waits, behind {@code ctx.patched("review")}. Every step
 * appends {@code RUN STEP} to the ledger file the input names, each time its body runs.
 */
public final class PatchWorkflows implements WorkflowProvider {
  static final String CODE = "SPOOL_TEST_PATCH_CODE";
  static final String NAME = "patch-demo";

  /** The input: where the steps keep their ledger. */
  public record Doc(String ledger) {}

  @Override
  public List<Workflow<?, ?>> workflows() {
    String code = System.getenv(CODE);
    return code == null ? List.of() : List.of(workflow(code.equals("new")));
  }

  /** The workflow as the release with ({@code withPatch}) or without the patch has it. */
  static Workflow<Doc, String> workflow(boolean withPatch) {
    return Workflow.of(
            NAME,
            Doc.class,
            String.class,
            (ctx, in) -> {
              ctx.call(step("draft"), in);
              ctx.awaitSignal("start", String.class);
              boolean patched = withPatch && ctx.patched("review");
              if (patched) {
                ctx.call(step("review"), in);
              }
              ctx.awaitSignal("go", String.class);
              ctx.call(step("publish"), in);
              return patched ? "reviewed" : "unreviewed";
            })
        .description("Test workflow: draft, wait, [review,] wait, publish");
  }

  private static Component<Doc, String> step(String name) {
    return Component.of(name, String.class, (Context ctx, Doc in) -> append(ctx, in, name));
  }

  private static String append(Context ctx, Doc in, String step) {
    try {
      Files.writeString(
          Path.of(in.ledger()),
          ctx.runId() + " " + step + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      return step;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
