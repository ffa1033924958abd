package dev.spool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.Json;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunsAndTailTest {
  @TempDir Path dir;

  private String startHello(Cli cli) {
    Cli.Result r = cli.run("run", "hello", "--input", RunCommandTest.HELLO);
    assertThat(r.exit()).as(r.err()).isZero();
    return r.outLines().get(0).split(" ")[1];
  }

  @Test
  void runsListsRunsNewestFirstInATable() {
    Cli cli = new Cli(dir);
    String first = startHello(cli);
    String second = startHello(cli);

    Cli.Result r = cli.run("runs");

    assertThat(r.exit()).as(r.err()).isZero();
    List<String> lines = r.outLines();
    assertThat(lines.get(0).split("\\s+"))
        .containsExactly("RUN", "WORKFLOW", "STATUS", "STARTED", "DURATION");
    assertThat(lines).hasSize(3);
    assertThat(lines.get(1)).startsWith(second + "  hello     completed  ");
    assertThat(lines.get(2)).startsWith(first + "  hello     completed  ");
    assertThat(lines.get(1))
        .matches(".*completed  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d  \\d+(ms|\\.\\ds)");
  }

  @Test
  void runsFiltersAndPrintsJson() {
    Cli cli = new Cli(dir);
    String id = startHello(cli);

    Cli.Result json = cli.run("runs", "--json", "--workflow", "hello", "--status", "completed");
    assertThat(json.outLines()).hasSize(1);
    JsonNode run = Json.tree(json.outLines().get(0));
    assertThat(run.path("runId").asText()).isEqualTo(id);
    assertThat(run.path("status").asText()).isEqualTo("completed");
    assertThat(run.path("input").path("name").asText()).isEqualTo("Ada");

    assertThat(cli.run("runs", "--json", "--workflow", "steps").out()).isEmpty();
    assertThat(cli.run("runs", "--status", "failed").out()).isEqualTo("no runs match\n");
  }

  @Test
  void tailAfterNPrintsOnlyLaterEvents() {
    Cli cli = new Cli(dir);
    String id = startHello(cli);

    Cli.Result all = cli.run("tail", id, "--json");
    Cli.Result later = cli.run("tail", id, "--json", "--after", "5");

    assertThat(all.exit()).isZero();
    assertThat(later.exit()).isZero();
    List<Long> seqs =
        later.outLines().stream().map(l -> Json.tree(l).path("seq").asLong()).toList();
    assertThat(seqs).first().isEqualTo(6L);
    assertThat(seqs).allMatch(s -> s > 5);
    assertThat(later.outLines()).isEqualTo(all.outLines().subList(5, all.outLines().size()));
  }

  @Test
  void tailInHumanFormatEndsWithTheResultAndPastTheEndPrintsOnlyTheHeader() {
    Cli cli = new Cli(dir);
    String id = startHello(cli);

    Cli.Result r = cli.run("tail", id);
    assertThat(r.exit()).isZero();
    assertThat(r.outLines().get(0)).isEqualTo("run " + id + "  workflow hello v1");
    assertThat(r.lastLine()).startsWith("result: \"Hello, Ada!");

    Cli.Result past = cli.run("tail", id, "--after", "1000");
    assertThat(past.exit()).isZero();
    assertThat(past.outLines()).containsExactly("run " + id + "  workflow hello v1");
  }

  @Test
  void workflowsListsTheBuiltinsAndTheExamples() {
    Cli.Result r = Cli.raw("workflows");

    assertThat(r.exit()).isZero();
    assertThat(r.outLines()).hasSize(6); // no store here: runs in flight are "-"
    assertThat(r.outLines().get(1))
        .startsWith("approval     v1       -          Drafts a proposal");
    assertThat(r.outLines().get(2))
        .startsWith("blog-writer  v1       -          Researches a topic");
    assertThat(r.outLines().get(3)).startsWith("hello        v1       -          Greets a name");
    assertThat(r.outLines().get(4))
        .startsWith("onboarding   v1       -          Crawls a company's website");
    assertThat(r.outLines().get(5))
        .startsWith("steps        v1       -          N sequential steps");
  }

  @Test
  void versionAndHelp() {
    assertThat(Cli.raw("--version").out()).isEqualTo("spool 0.1.0-SNAPSHOT\n");
    Cli.Result help = Cli.raw("run", "--help");
    assertThat(help.exit()).isZero();
    assertThat(help.out()).contains("--input=JSON", "--store=URI", "--idempotency-key=KEY");
    assertThat(Cli.raw().exit()).isEqualTo(2);
  }
}
