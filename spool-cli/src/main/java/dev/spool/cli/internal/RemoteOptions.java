package dev.spool.cli.internal;

import dev.spool.Event;
import dev.spool.EventTypes;
import dev.spool.client.SpoolClient;
import dev.spool.client.SpoolClientException;
import java.net.URI;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * {@code --server URL [--api-key KEY]}: talk to a Spool API over HTTP instead of opening a store.
 */
public final class RemoteOptions {
  @Option(
      names = "--server",
      paramLabel = "URL",
      description = {
        "Use the Spool API at URL (e.g. http://127.0.0.1:7070) instead of a store;",
        "default: $SPOOL_SERVER. Streams reconnect and resume by themselves."
      })
  String server;

  @Option(
      names = "--api-key",
      paramLabel = "KEY",
      description = "API key for --server (default: $SPOOL_API_KEY).")
  String apiKey;

  /** The server URL from the option or the environment, if any. */
  Optional<String> server(Io io) {
    return Optional.ofNullable(server).or(() -> io.env("SPOOL_SERVER")).filter(s -> !s.isBlank());
  }

  SpoolClient client(Io io, String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw CliException.usage("--server: '" + url + "' is not a URL");
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      throw CliException.usage("--server: '" + url + "' must start with http:// or https://");
    }
    SpoolClient.Builder b = SpoolClient.builder(uri);
    Optional.ofNullable(apiKey).or(() -> io.env("SPOOL_API_KEY")).ifPresent(b::apiKey);
    return b.build();
  }

  /** Runs a client call, turning its failures into one clear line and the right exit code. */
  static <T> T call(Supplier<T> call) {
    try {
      return call.get();
    } catch (SpoolClientException e) {
      throw failure(e);
    }
  }

  /** A client failure as one clear line: a 4xx is the caller's mistake, anything else a failure. */
  static CliException failure(SpoolClientException e) {
    int status = e.status().orElse(0);
    int exit = status >= 400 && status < 500 ? CliException.USAGE : CliException.FAILED;
    return new CliException(exit, e.getMessage(), e);
  }

  /** Follows a run over HTTP to its end; the exit code as for a local run. */
  static int follow(Io io, SpoolClient client, String runId, long after, EventPrinter printer) {
    Event last = call(() -> client.follow(runId, after, printer::accept));
    printer.finish();
    if (last.type().equals(EventTypes.RUN_COMPLETED)) {
      return 0;
    }
    String verb = last.type().equals(EventTypes.RUN_CANCELLED) ? "cancelled" : "failed";
    io.error(
        "run "
            + runId
            + " "
            + verb
            + ": "
            + Text.firstLine(HumanEventPrinter.error(Text.data(last.data()).path("error"))));
    return CliException.FAILED;
  }
}
