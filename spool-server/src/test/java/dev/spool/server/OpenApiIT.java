package dev.spool.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.server.internal.Access;
import dev.spool.server.internal.Route;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The served OpenAPI document is valid and describes exactly the routes the server registered. */
class OpenApiIT {
  @TempDir static Path dir;
  static ServerHarness h;
  static SwaggerParseResult parsed;
  static OpenAPI api;

  /** Parsed once: the parser takes seconds to warm up. */
  @BeforeAll
  static void start() {
    h = new ServerHarness(dir, b -> {}); // keys required: the document itself stays public
    HttpResponse<String> r = h.get("/v1/openapi.json");
    assertThat(r.statusCode()).isEqualTo(200);
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    parsed = new OpenAPIV3Parser().readContents(r.body(), null, options);
    api = parsed.getOpenAPI();
  }

  @AfterAll
  static void stop() throws Exception {
    h.close();
  }

  @Test
  void parsesWithoutErrors() {
    assertThat(parsed.getMessages()).as("parser messages").isEmpty();
    assertThat(api).isNotNull();
  }

  @Test
  void isOpenApi31WithTheBearerScheme() {
    assertThat(api.getOpenapi()).isEqualTo("3.1.0");
    assertThat(api.getComponents().getSecuritySchemes().get("bearerAuth").getScheme())
        .isEqualTo("bearer");
    assertThat(api.getComponents().getSchemas()).containsKey("Problem");
  }

  @Test
  void describesExactlyTheRegisteredRoutes() {
    assertThat(operations().keySet())
        .isEqualTo(new TreeSet<>(h.server.registeredRoutes()))
        .isNotEmpty();
  }

  @Test
  void publicRoutesAreTheOnesWithoutSecurityAndEveryRouteHasAnErrorResponse() {
    Map<String, Operation> ops = operations();
    for (Route r : h.server.routes()) {
      Operation op = ops.get(r.method().name() + " " + r.path());
      boolean documentedPublic = op.getSecurity() != null && op.getSecurity().isEmpty();
      assertThat(documentedPublic)
          .as("%s %s public", r.method(), r.path())
          .isEqualTo(r.access() == Access.PUBLIC);
      assertThat(op.getResponses()).as("%s %s", r.method(), r.path()).containsKey("500");
      if (r.access() != Access.PUBLIC) {
        assertThat(op.getResponses()).as("%s %s", r.method(), r.path()).containsKey("401");
      }
    }
  }

  private Map<String, Operation> operations() {
    Map<String, Operation> out = new TreeMap<>();
    api.getPaths()
        .forEach(
            (path, item) ->
                item.readOperationsMap()
                    .forEach(
                        (PathItem.HttpMethod m, Operation op) ->
                            out.put(m.name() + " " + path, op)));
    return out;
  }
}
