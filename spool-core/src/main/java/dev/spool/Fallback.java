package dev.spool;

/**
 * A component's error boundary: when every attempt failed, the fallback's value stands in for the
 * output, so the failure stays contained in that component (and still visible in the trace).
 */
@FunctionalInterface
public interface Fallback<I, O> {
  O recover(Context ctx, I input, StepFailedException failure) throws Exception;
}
