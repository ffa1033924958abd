package dev.spool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.store.RunInfo;
import dev.spool.store.RunQuery;
import dev.spool.store.RunStores;
import dev.spool.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every mistake exits 2 with one line on stderr, prints nothing on stdout and writes nothing. */
class InputErrorsTest {
  @TempDir Path dir;

  static Stream<Arguments> mistakes() {
    return Stream.of(
        Arguments.of(
            List.of("run", "hello", "--input", "{\"name\":"), "spool: input is not valid JSON: "),
        Arguments.of(
            List.of("run", "hello", "--input", "[1,2]"),
            "spool: input does not fit workflow 'hello'"),
        Arguments.of(
            List.of("run", "steps", "--input", "{\"steps\":-1}"),
            "spool: input does not fit workflow 'steps' (Input): steps must be within 0..100000, got -1"),
        Arguments.of(
            List.of("run", "hello", "--input", "{\"nam\":\"x\"}"),
            "spool: input does not fit workflow 'hello'"),
        Arguments.of(
            List.of("run", "nosuch"),
            "spool: unknown workflow 'nosuch' (registered: approval, blog-writer, hello, onboarding, steps)"),
        Arguments.of(
            List.of("run", "hello", "--input", "{}", "--input-file", "x.json"),
            "spool: give the input with --input or --input-file, not both"),
        Arguments.of(
            List.of("run", "hello", "--input-file", "/nonexistent/in.json"),
            "spool: no input file "),
        Arguments.of(List.of("run", "hello", "--bogus"), "spool: Unknown option: '--bogus'"),
        Arguments.of(
            List.of("tail", "r0000000000nosuchrun00"),
            "spool: no run r0000000000nosuchrun00 in sqlite:"),
        Arguments.of(
            List.of("resume", "r0000000000nosuchrun00"),
            "spool: no run r0000000000nosuchrun00 in sqlite:"),
        Arguments.of(List.of("tail", "x", "--after", "-1"), "spool: --after must be >= 0, got -1"),
        Arguments.of(
            List.of("runs", "--status", "done"),
            "spool: unknown run status 'done' (expected one of queued, running, waiting, completed,"
                + " failed, cancelled)"),
        Arguments.of(
            List.of("runs", "--limit", "0"), "spool: --limit must be within 1..1000, got 0"));
  }

  @ParameterizedTest
  @MethodSource("mistakes")
  void exitsTwoWithOneLineAndLeavesTheStoreUnchanged(List<String> args, String message) {
    Cli cli = new Cli(dir);
    Cli.Result seed = cli.run("run", "hello", "--input", "{\"name\":\"Ada\",\"chunkMillis\":0}");
    assertThat(seed.exit()).as(seed.err()).isZero();
    List<RunInfo> before = runs(cli);

    Cli.Result r = cli.run(args.toArray(String[]::new));

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err()).startsWith(message);
    assertThat(r.out()).isEmpty();
    assertThat(runs(cli)).isEqualTo(before);
  }

  static Stream<List<String>> badStores() {
    return Stream.of(
        List.of("run", "hello", "--input", "{\"name\":\"Ada\"}", "--store", "foo"),
        List.of("run", "hello", "--input", "{\"name\":\"Ada\"}", "--store", "nosuch:x"),
        List.of("run", "hello", "--input", "{\"name\":\"Ada\"}", "--store", "sqlite:"),
        List.of("runs", "--store", "foo"),
        List.of("--store", "nosuch:x", "tail", "r1"),
        List.of("resume", "--store", "sqlite:"),
        List.of("demo", "--store", "foo"));
  }

  @ParameterizedTest
  @MethodSource("badStores")
  void aBadStoreUriExitsTwoWithTheStoresMessage(List<String> args) {
    Cli.Result r = Cli.raw(args.toArray(String[]::new));

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err()).startsWith("spool: bad store URI '");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void readingAMissingStoreDoesNotCreateIt() {
    Path missing = dir.resolve("missing.db");
    for (String[] args :
        List.of(
            new String[] {"tail", "r1", "--store", "sqlite:" + missing},
            new String[] {"runs", "--store", "sqlite:" + missing})) {
      Cli.Result r = Cli.raw(args);

      assertThat(r.exit()).isEqualTo(2);
      assertThat(r.err()).isEqualTo("spool: no Spool store at " + missing + "\n");
      assertThat(missing).doesNotExist();
    }
  }

  @Test
  void badInputToAFreshStoreDoesNotCreateIt() {
    Cli cli = new Cli(dir);
    Cli.Result r = cli.run("run", "steps", "--input", "{\"steps\":-1}");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(Files.exists(dir.resolve("spool.db"))).isFalse();
  }

  private static List<RunInfo> runs(Cli cli) {
    try (Store store = RunStores.open(cli.storeUri(), true)) {
      return store.listRuns(RunQuery.latest(1000));
    }
  }
}
