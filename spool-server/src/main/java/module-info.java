/** The API plane over HTTP: runs, event streams, signals, keys, the OpenAPI document and the UI. */
module dev.spool.server {
  requires transitive dev.spool.core;
  requires transitive io.javalin;
  requires org.eclipse.jetty.server;
  requires org.slf4j;

  exports dev.spool.server;

  opens dev.spool.server.internal to
      com.fasterxml.jackson.databind;
}
