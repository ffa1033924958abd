package dev.spool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
  static final String HELLO = "{\"name\":\"Ada\",\"chunkMillis\":0}";
  static final String GREETING =
      "Hello, Ada! Every step of this run is checkpointed, so it survives a crash and resumes"
          + " where it stopped.";

  @TempDir Path dir;

  @Test
  void helloCompletesPrintingItsOutputLiveAndTheResultLast() {
    Cli.Result r = new Cli(dir).run("run", "hello", "--input", HELLO);

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.outLines().get(0)).matches("run r\\w+  workflow hello v1");
    assertThat(r.lastLine()).isEqualTo("result: " + Json.quote(GREETING));
    List<String> outputLines =
        r.outLines().stream().filter(l -> l.startsWith("  text │ ")).toList();
    assertThat(outputLines).hasSize(1);
    assertThat(outputLines.get(0).substring("  text │ ".length())).isEqualTo(GREETING);
    assertThat(r.out()).contains("  ✓ hello/compose#0  ", "  ▸ hello/speak#1\n");
  }

  @Test
  void jsonPrintsOneEventPerLineWithGaplessSequenceNumbers() {
    Cli.Result r = new Cli(dir).run("run", "hello", "--input", HELLO, "--json");

    assertThat(r.exit()).as(r.err()).isZero();
    List<JsonNode> events = r.outLines().stream().map(Json::tree).toList();
    assertThat(events).isNotEmpty();
    assertThat(events.stream().mapToLong(e -> e.path("seq").asLong()).toArray())
        .containsExactly(LongStream.rangeClosed(1, events.size()).toArray());
    assertThat(events.get(0).path("type").asText()).isEqualTo("run.queued");
    JsonNode last = events.get(events.size() - 1);
    assertThat(last.path("type").asText()).isEqualTo("run.completed");
    assertThat(last.path("data").path("result").asText()).isEqualTo(GREETING);
    String assembled =
        events.stream()
            .filter(e -> e.path("type").asText().equals("output"))
            .map(e -> e.path("data").path("chunk").asText())
            .reduce("", String::concat);
    assertThat(assembled).isEqualTo(GREETING);
  }

  @Test
  void aFailingAttemptShowsARetryLine() {
    Cli.Result r = new Cli(dir).run("run", "steps", "--input", "{\"steps\":4,\"failEvery\":2}");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("  ↻ steps/step#1 attempt 1 failed: step 2 fails its first attempt; retrying in ")
        .contains("  ▸ steps/step#1 (attempt 2)\n");
    assertThat(r.lastLine())
        .isEqualTo("result: [\"step 1 done\",\"step 2 done\",\"step 3 done\",\"step 4 done\"]");
  }

  @Test
  void inputDefaultsToAnEmptyObjectAndCanComeFromAFile() throws Exception {
    Cli cli = new Cli(dir);
    Cli.Result noInput = cli.run("run", "steps");
    assertThat(noInput.exit()).isEqualTo(2);
    assertThat(noInput.err()).startsWith("spool: input does not fit workflow 'steps'");

    Path file = dir.resolve("input.json");
    java.nio.file.Files.writeString(file, "{\"steps\":2}");
    Cli.Result fromFile = cli.run("run", "steps", "--input-file", file.toString());
    assertThat(fromFile.exit()).as(fromFile.err()).isZero();
    assertThat(fromFile.lastLine()).isEqualTo("result: [\"step 1 done\",\"step 2 done\"]");
  }

  @Test
  void anIdempotencyKeyStartsOneRun() {
    Cli cli = new Cli(dir);
    Cli.Result first = cli.run("run", "hello", "--input", HELLO, "--idempotency-key", "k1");
    Cli.Result second = cli.run("run", "hello", "--input", HELLO, "--idempotency-key", "k1");

    assertThat(second.exit()).isZero();
    assertThat(second.outLines().get(0)).isEqualTo(first.outLines().get(0));
    assertThat(second.out()).contains("idempotency key 'k1' names this existing run");
    assertThat(cli.run("runs", "--json").outLines()).hasSize(1);
  }
}
