package dev.spool.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.Json;
import java.net.http.HttpResponse;

/** Checks that a response is an RFC 9457 problem with a given status, and returns its detail. */
final class ProblemAssert {
  private ProblemAssert() {}

  static String problem(HttpResponse<String> r, int status, String slug) {
    assertThat(r.statusCode()).as("status of %s: %s", r.uri(), r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    JsonNode p = Json.tree(r.body());
    assertThat(p.get("type").asText()).isEqualTo("urn:spool:problem:" + slug);
    assertThat(p.get("status").asInt()).isEqualTo(status);
    assertThat(p.get("title").asText()).isNotBlank();
    assertThat(p.get("instance").asText()).isEqualTo(r.uri().getPath());
    String detail = p.get("detail").asText();
    assertThat(detail).isNotBlank();
    assertThat(r.body()).doesNotContain("\tat ", "Exception:");
    return detail;
  }
}
