package dev.spool.cli.internal;

import dev.spool.InvalidInputException;
import dev.spool.Spool;
import dev.spool.Workflow;
import dev.spool.client.RunView;
import dev.spool.client.SpoolClient;
import dev.spool.client.StartedRun;
import dev.spool.store.CreateResult;
import dev.spool.store.Store;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code spool run}: starts a run and executes it in this process, following it to its end. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Start a run of a workflow and execute it here, printing its events until it ends.",
      "Exit 0 when it completes, 1 when it fails or is cancelled, 2 for bad input.",
      "Ctrl-C leaves the run resumable: spool resume <id>."
    })
public final class RunCommand implements Callable<Integer> {
  @ParentCommand private CliContext cli;

  @Parameters(
      index = "0",
      paramLabel = "WORKFLOW",
      description = "Workflow name (see: spool workflows).")
  private String workflow;

  @Option(names = "--input", paramLabel = "JSON", description = "Input as JSON (default: {}).")
  private String input;

  @Option(
      names = "--input-file",
      paramLabel = "FILE",
      description = "Read the input JSON from FILE ('-' for stdin).")
  private Path inputFile;

  @Option(names = "--json", description = "Print each event as one JSON line, nothing else.")
  private boolean json;

  @Option(
      names = "--idempotency-key",
      paramLabel = "KEY",
      description = "Start at most one run per key; a repeat follows the existing run.")
  private String idempotencyKey;

  @Mixin private RemoteOptions remote;

  @Override
  public Integer call() {
    Io io = cli.io();
    String inputJson = readInput();
    Optional<String> server = remote.server(io);
    if (server.isPresent()) {
      return runRemote(io, server.get(), inputJson);
    }
    // Check the workflow and input before opening the store, so a mistake writes nothing.
    checkInput(workflow, inputJson);
    try (Store store = Stores.open(cli.storeUri(), false)) {
      Spool spool = Stores.spool(store, "default");
      CreateResult created = start(spool, inputJson);
      EventPrinter printer = EventPrinter.of(io, json);
      printer.header(created.run());
      if (!created.created()) {
        printer.note(
            "idempotency key '" + idempotencyKey + "' names this existing run; following it");
      }
      return Follow.execute(io, spool, created.run().runId(), 0, printer);
    }
  }

  /** Starts the run through the API and follows its stream; a worker elsewhere executes it. */
  private int runRemote(Io io, String url, String inputJson) {
    try (SpoolClient client = remote.client(io, url)) {
      StartedRun started =
          RemoteOptions.call(
              () -> client.start(workflow, inputJson, Optional.ofNullable(idempotencyKey)));
      RunView run = RemoteOptions.call(() -> client.run(started.runId()));
      EventPrinter printer = EventPrinter.of(io, json);
      printer.header(run.runId(), run.workflow(), run.version());
      if (!started.created()) {
        printer.note(
            "idempotency key '" + idempotencyKey + "' names this existing run; following it");
      }
      return RemoteOptions.follow(io, client, started.runId(), 0, printer);
    }
  }

  /** Fails with a usage error unless {@code name} is known and {@code json} fits its input. */
  static Workflow<?, ?> checkInput(String name, String json) {
    try {
      Workflow<?, ?> wf = Stores.registry().get(name);
      wf.parseInput(json);
      return wf;
    } catch (InvalidInputException | IllegalArgumentException e) {
      throw new CliException(CliException.USAGE, Text.firstLine(e.getMessage()), e);
    }
  }

  private CreateResult start(Spool spool, String inputJson) {
    try {
      return spool.start(workflow, inputJson, Optional.ofNullable(idempotencyKey));
    } catch (InvalidInputException | IllegalArgumentException e) {
      throw new CliException(CliException.USAGE, Text.firstLine(e.getMessage()), e);
    }
  }

  private String readInput() {
    if (input != null && inputFile != null) {
      throw CliException.usage("give the input with --input or --input-file, not both");
    }
    if (inputFile == null) {
      return input == null ? "{}" : input;
    }
    try {
      if (inputFile.toString().equals("-")) {
        InputStream in = System.in;
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      return Files.readString(inputFile, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw CliException.usage("no input file " + inputFile);
    } catch (IOException e) {
      throw CliException.usage("cannot read input file " + inputFile + ": " + e.getMessage());
    }
  }
}
