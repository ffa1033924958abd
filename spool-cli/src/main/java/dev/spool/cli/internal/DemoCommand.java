package dev.spool.cli.internal;

import dev.spool.InvalidInputException;
import dev.spool.Json;
import dev.spool.Spool;
import dev.spool.examples.blog.BlogRequest;
import dev.spool.examples.blog.BlogWriter;
import dev.spool.examples.blog.BlogWriterApp;
import dev.spool.examples.common.ExampleLlm;
import dev.spool.store.CreateResult;
import dev.spool.store.Store;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code spool demo}: the blog-writer example, live, on the embedded store: research, an outline,
 * sections written in parallel, an edit. Offline (a fake provider in this process) unless {@code
 * SPOOL_LLM_*} name a real one.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Write a blog post with the blog-writer example, live: research a library of articles,",
      "outline, write the sections in parallel, edit. Every step is checkpointed: Ctrl-C (or",
      "kill -9) it half-way and 'spool resume' carries on. Offline by default; set",
      "SPOOL_LLM_BASE_URL, SPOOL_LLM_API_KEY and SPOOL_LLM_MODEL to use a real model."
    })
public final class DemoCommand implements Callable<Integer> {
  static final String TOPIC = "durable execution for AI agents";

  @ParentCommand private CliContext cli;

  @Option(
      names = "--topic",
      paramLabel = "TEXT",
      defaultValue = TOPIC,
      description = "What the post is about (default: ${DEFAULT-VALUE}).")
  String topic;

  @Option(
      names = "--tokens-per-second",
      paramLabel = "N",
      defaultValue = "100",
      description =
          "How fast the offline model streams; 0 sends at once (default: ${DEFAULT-VALUE}).")
  double tokensPerSecond;

  @Override
  public Integer call() {
    Io io = cli.io();
    if (tokensPerSecond < 0) {
      throw CliException.usage("--tokens-per-second must be >= 0");
    }
    String input;
    try {
      input = Json.write(new BlogRequest(topic, null));
    } catch (IllegalArgumentException e) {
      throw CliException.usage("--topic: " + e.getMessage());
    }
    try (Store store = Stores.open(cli.storeUri(), false);
        BlogWriterApp app = BlogWriterApp.create(io.env(), tokensPerSecond)) {
      ExampleLlm llm;
      try {
        llm = app.llm();
      } catch (IllegalArgumentException e) {
        throw CliException.usage("LLM configuration: " + Text.firstLine(e.getMessage()));
      }
      Spool spool =
          Spool.builder(store)
              .register(app.on(store.limits()).workflow())
              .deployment("default")
              .build();
      CreateResult created;
      try {
        created = spool.start(BlogWriter.NAME, input);
      } catch (InvalidInputException e) {
        throw CliException.usage(Text.firstLine(e.getMessage()));
      }
      DemoPrinter printer = new DemoPrinter(io, BlogWriter.POST);
      printer.header(created.run());
      printer.note("LLM: " + llm.describe());
      int exit = Follow.execute(io, spool, created.run().runId(), 0, printer);
      if (exit == 0) {
        hints(io, created.run().runId());
      }
      return exit;
    }
  }

  private static void hints(Io io, String runId) {
    Style style = new Style(io.colour());
    io.out().println();
    io.out()
        .println(
            "next: "
                + style.bold("./spool dev")
                + "  then open http://127.0.0.1:7070/ and start blog-writer or onboarding there");
    io.out()
        .println(
            "      "
                + style.bold(
                    "./spool run onboarding --input '{\"site\":\"https://northwind-robotics.example/\"}'")
                + "  enriches a company from its 120-page site");
    io.out()
        .println(
            "      "
                + style.bold("./spool demo")
                + " again, kill -9 it half-way, then "
                + style.bold("./spool resume")
                + "  finished steps are not run again");
    io.out()
        .println("      " + style.bold("./spool tail " + runId) + "  replays this run's events");
    io.out().flush();
  }
}
