/**
 * What the example applications share: a small web on loopback that serves their {@code .example}
 * sites ({@link dev.spool.examples.common.LocalWeb}, {@link dev.spool.examples.common.HttpWeb}),
 * and the LLM they call: real providers from {@code SPOOL_LLM_*}, else fake providers they start
 * themselves with a deterministic offline model ({@link dev.spool.examples.common.ExampleLlm}).
 */
package dev.spool.examples.common;
