/** Test support: run a component or workflow in-process, and a fake OpenAI-compatible server. */
module dev.spool.testkit {
  requires transitive dev.spool.core;
  requires jdk.httpserver;

  exports dev.spool.testkit;
  exports dev.spool.testkit.llm;

  opens dev.spool.testkit to
      com.fasterxml.jackson.databind;
  opens dev.spool.testkit.llm to
      com.fasterxml.jackson.databind;
}
