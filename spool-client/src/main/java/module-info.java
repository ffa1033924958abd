/** The Java client of the HTTP API: start, follow with resume, signal and cancel runs. */
module dev.spool.client {
  requires transitive dev.spool.core;
  requires java.net.http;

  exports dev.spool.client;

  opens dev.spool.client to
      com.fasterxml.jackson.databind;
  opens dev.spool.client.internal to
      com.fasterxml.jackson.databind;
}
