package dev.spool.bench.engines;

import dev.restate.sdk.endpoint.Endpoint;
import dev.restate.sdk.http.vertx.RestateHttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Restate: the service endpoint runs in this JVM, the Restate server (started by the run script)
 * drives it, and the client calls the server's HTTP ingress, which answers once the invocation
 * completed. Everything on loopback inside the bench's network namespace.
 */
public final class RestateEngine implements Engine {
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final URI call;
  private final String version;

  public RestateEngine(URI ingress, URI admin, int endpointPort) throws Exception {
    // Listens on every address of the network namespace, which has only loopback.
    RestateHttpServer.listen(Endpoint.bind(RestateSteps.definition()), endpointPort);
    this.version = awaitHealthy(admin);
    register(admin, URI.create("http://127.0.0.1:" + endpointPort));
    this.call = ingress.resolve("/BenchSteps/run");
  }

  private String awaitHealthy(URI admin) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(admin.resolve("/version")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          var m =
              java.util.regex.Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
          return m.find() ? m.group(1) : "?";
        }
      } catch (java.io.IOException e) {
        // not up yet
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Restate admin API at " + admin + " is not up after 60 s");
      }
      Thread.sleep(200);
    }
  }

  private void register(URI admin, URI endpointUri) throws Exception {
    String body = "{\"uri\":\"" + endpointUri + "\",\"force\":true}";
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(admin.resolve("/deployments"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) {
      throw new IllegalStateException(
          "Restate refused the deployment: " + r.statusCode() + " " + r.body());
    }
  }

  @Override
  public void run(int steps) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(call)
                .timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Integer.toString(steps)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200 || !r.body().trim().equals(Integer.toString(steps))) {
      throw new IllegalStateException("Restate answered " + r.statusCode() + " " + r.body());
    }
  }

  @Override
  public String describe() {
    return "Restate server "
        + version
        + " (defaults, loopback in a"
        + " network namespace), Java SDK endpoint on Vert.x in the client's JVM, client"
        + " POSTs to the ingress and waits for the result";
  }

  @Override
  public void close() throws Exception {
    http.close(); // the endpoint's server ends with the JVM
  }
}
