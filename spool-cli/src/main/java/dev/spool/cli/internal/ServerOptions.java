package dev.spool.cli.internal;

import dev.spool.Spool;
import dev.spool.server.SpoolServer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import picocli.CommandLine.Option;

/** Where the API plane listens; shared by {@code spool api} and {@code spool dev}. */
public final class ServerOptions {
  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      defaultValue = "127.0.0.1",
      description = "Address to bind (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
  String host;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "7070",
      description = "Port to listen on, 0 for any free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--max-body",
      paramLabel = "BYTES",
      defaultValue = "1048576",
      description = "Largest request body accepted (default: ${DEFAULT-VALUE}).")
  long maxBody;

  SpoolServer start(Spool spool, boolean requireKeys) {
    if (port < 0 || port > 65535) {
      throw CliException.usage("--port must be 0..65535, got " + port);
    }
    if (!requireKeys && !isLoopback(host)) {
      throw CliException.usage(
          "refusing to serve without API keys on "
              + host
              + ": bind a loopback address (127.0.0.1) or require keys");
    }
    try {
      return SpoolServer.builder(spool)
          .host(host)
          .port(port)
          .requireApiKeys(requireKeys)
          .maxBodyBytes(maxBody)
          .build()
          .start();
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    } catch (RuntimeException e) {
      throw new CliException(
          CliException.FAILED,
          "cannot listen on " + host + ":" + port + ": " + rootMessage(e) + " (try --port 0)",
          e);
    }
  }

  static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
