package dev.spool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.client.RunResult;
import dev.spool.client.SpoolClient;
import java.io.File;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spool's jars as named modules, the way a modular application uses them: the module graph
 * resolves, only the engine is exported (and only to the worker host and the testkit), and the CLI
 * serves the API and UI and runs a workflow with every jar on the module path.
 */
class ModulePathIT {
  private static final Pattern LISTENING = Pattern.compile("API on (http://\\S+)");

  /** The library modules; the LLM layer, the examples and the CLI are automatic modules. */
  private static final Set<String> NAMED =
      Set.of(
          "dev.spool.core",
          "dev.spool.store.sqlite",
          "dev.spool.store.redis",
          "dev.spool.server",
          "dev.spool.client",
          "dev.spool.worker",
          "dev.spool.testkit");

  @TempDir Path dir;

  /** The CLI's runtime jars (listed by the build before the integration tests) and its own jar. */
  private static List<Path> runtimeJars() throws Exception {
    String listed = Files.readString(Path.of(System.getProperty("spool.runtime.path"))).strip();
    List<Path> jars = new ArrayList<>();
    for (String entry : listed.split(Pattern.quote(File.pathSeparator))) {
      jars.add(Path.of(entry));
    }
    jars.add(Path.of(System.getProperty("spool.cli.jar")));
    return jars;
  }

  @Test
  void theLibraryModulesResolveAndExportNoInternalPackageToTheWorld() throws Exception {
    ModuleFinder finder = ModuleFinder.of(runtimeJars().toArray(Path[]::new));
    Map<String, ModuleDescriptor> spool = new TreeMap<>();
    finder.findAll().stream()
        .map(ref -> ref.descriptor())
        .filter(d -> d.name().startsWith("dev.spool."))
        .forEach(d -> spool.put(d.name(), d));
    assertThat(spool.values().stream().filter(d -> !d.isAutomatic()).map(d -> d.name()))
        .containsExactlyInAnyOrderElementsOf(NAMED);
    assertThat(spool.get("dev.spool.llm").isAutomatic()).isTrue();

    Map<String, Set<String>> qualified = new TreeMap<>();
    for (ModuleDescriptor d : spool.values()) {
      if (d.isAutomatic()) {
        continue;
      }
      for (ModuleDescriptor.Exports e : d.exports()) {
        if (e.isQualified()) {
          qualified.put(d.name() + "/" + e.source(), e.targets());
        } else {
          assertThat(e.source()).as("%s exports to everyone", d.name()).doesNotContain("internal");
        }
      }
    }
    assertThat(qualified)
        .containsExactly(
            Map.entry(
                "dev.spool.core/dev.spool.internal.engine",
                Set.of("dev.spool.worker", "dev.spool.testkit")));

    // The graph a modular application gets: both stores bound as RunStoreProvider services.
    Configuration graph =
        ModuleLayer.boot().configuration().resolveAndBind(finder, ModuleFinder.of(), NAMED);
    ModuleLayer layer =
        ModuleLayer.boot().defineModulesWithOneLoader(graph, ClassLoader.getPlatformClassLoader());
    Module core = layer.findModule("dev.spool.core").orElseThrow();
    assertThat(core.isExported("dev.spool.internal.engine", module(layer, "dev.spool.worker")))
        .isTrue();
    assertThat(core.isExported("dev.spool.internal.engine", module(layer, "dev.spool.server")))
        .isFalse();
    assertThat(core.isExported("dev.spool.internal.engine")).isFalse();
    assertThat(core.isExported("dev.spool.store")).isTrue();
    assertThat(
            graph.modules().stream()
                .map(m -> m.name())
                .filter(n -> n.startsWith("dev.spool.store."))
                .collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("dev.spool.store.sqlite", "dev.spool.store.redis");
  }

  private static Module module(ModuleLayer layer, String name) {
    return layer.findModule(name).orElseThrow();
  }

  @Test
  void theCliServesTheApiAndUiAndRunsAWorkflowOnTheModulePath() throws Exception {
    String modulePath =
        runtimeJars().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    try (SpoolProcess dev =
        SpoolProcess.startOnModulePath(
            dir,
            "dev",
            modulePath,
            "dev",
            "--port",
            "0",
            "--store",
            "sqlite:" + dir.resolve("spool.db"))) {
      dev.awaitLog("spool worker", 90);
      Matcher m = LISTENING.matcher(dev.log());
      assertThat(m.find()).as(dev.log()).isTrue();
      URI base = URI.create(m.group(1));

      try (HttpClient http = HttpClient.newHttpClient()) {
        // The UI's files live in the server's jar; served from a named module they must still load.
        for (String path : List.of("/", "/ui/app.js", "/spool-client.js", "/v1/openapi.json")) {
          HttpResponse<String> r =
              http.send(
                  HttpRequest.newBuilder(base.resolve(path)).build(),
                  HttpResponse.BodyHandlers.ofString());
          assertThat(r.statusCode()).as(path).isEqualTo(200);
          assertThat(r.body()).as(path).isNotBlank();
        }
      }

      try (SpoolClient client = SpoolClient.builder(base).build()) {
        String runId =
            client.start("blog-writer", "{\"topic\":\"named modules\",\"sections\":2}").runId();
        RunResult result = client.awaitResult(runId, Duration.ofSeconds(90)).orElseThrow();
        assertThat(result.isCompleted()).as("%s%n%s", result, dev.log()).isTrue();
        assertThat(result.result().orElseThrow()).contains("named modules");
      }
      assertThat(dev.log())
          .as("nothing failed to reach a class or resource")
          .doesNotContain(
              "IllegalAccess", "InaccessibleObject", "ClassNotFound", "NoClassDefFound");
      assertThat(Arrays.asList(dev.log().split("\n")))
          .noneMatch(line -> line.contains("Exception") && line.contains("module"));
    }
  }
}
