package dev.spool;

/**
 * The code of a component or workflow: ordinary Java that receives its context explicitly.
 *
 * @param <I> input type
 * @param <O> output type
 */
@FunctionalInterface
public interface StepBody<I, O> {
  O run(Context ctx, I input) throws Exception;
}
