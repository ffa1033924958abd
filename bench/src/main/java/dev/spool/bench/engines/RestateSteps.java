package dev.spool.bench.engines;

import dev.restate.sdk.Context;
import dev.restate.sdk.HandlerRunner;
import dev.restate.sdk.JsonSerdes;
import dev.restate.sdk.endpoint.definition.HandlerDefinition;
import dev.restate.sdk.endpoint.definition.HandlerType;
import dev.restate.sdk.endpoint.definition.ServiceDefinition;
import dev.restate.sdk.endpoint.definition.ServiceType;
import dev.restate.serde.jackson.JacksonSerdeFactory;
import java.util.List;

/**
 * The benchmark workload as a Restate service {@code BenchSteps}, handler {@code run}: N trivial
 * steps, each a journaled {@code ctx.run}. Defined with the SDK's definition API, which is what its
 * annotation processor generates (the processor fails inside this module's build).
 */
final class RestateSteps {
  private RestateSteps() {}

  static int run(Context ctx, int steps) {
    for (int i = 1; i <= steps; i++) {
      int n = i;
      ctx.run("step", String.class, () -> "step " + n);
    }
    return steps;
  }

  static ServiceDefinition definition() {
    HandlerRunner<Integer, Integer> runner =
        HandlerRunner.of(
            (Context ctx, Integer steps) -> run(ctx, steps),
            JacksonSerdeFactory.DEFAULT,
            HandlerRunner.Options.DEFAULT);
    return ServiceDefinition.of(
        "BenchSteps",
        ServiceType.SERVICE,
        List.of(
            HandlerDefinition.of(
                "run", HandlerType.SHARED, JsonSerdes.INT, JsonSerdes.INT, runner)));
  }
}
