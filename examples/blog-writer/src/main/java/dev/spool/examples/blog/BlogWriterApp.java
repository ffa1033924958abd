package dev.spool.examples.blog;

import dev.spool.examples.common.ExampleLlm;
import dev.spool.examples.common.HttpWeb;
import dev.spool.examples.common.Lazy;
import dev.spool.examples.common.LocalWeb;
import dev.spool.examples.common.OfflineModels;
import dev.spool.llm.Llm;
import dev.spool.store.LimitStore;
import dev.spool.testkit.llm.FakeLlmServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The blog writer as a process runs it: the library, the local web that serves it as {@code
 * https://library.example/}, and the model: the providers {@code SPOOL_LLM_*} configure, else a
 * fake provider on loopback answering with the {@link OfflineWriter}. The web and the model start
 * on first use.
 *
 * <pre>{@code
 * try (BlogWriterApp app = BlogWriterApp.create(System.getenv(), 100)) {
 *   Spool spool = Spool.builder(store).register(app.on(store.limits()).workflow()).build();
 * }
 * }</pre>
 */
public final class BlogWriterApp implements AutoCloseable {
  /** How fast the offline model streams: fast enough to finish in seconds, slow enough to watch. */
  public static final double DEFAULT_TOKENS_PER_SECOND = 100;

  private final Library library = Library.load();
  private final Lazy<LocalWeb> web;
  private final Lazy<ExampleLlm> llm;

  private BlogWriterApp(Map<String, String> env, double tokensPerSecond) {
    this.web = Lazy.of(() -> LocalWeb.start(library));
    this.llm = Lazy.of(() -> ExampleLlm.start(env, () -> offline(tokensPerSecond)));
  }

  /**
   * @param env where {@code SPOOL_LLM_*} are read from
   * @param tokensPerSecond how fast the offline model streams (0: at once)
   */
  public static BlogWriterApp create(Map<String, String> env, double tokensPerSecond) {
    return new BlogWriterApp(env, tokensPerSecond);
  }

  /** The fake provider this app starts when {@code SPOOL_LLM_*} configure none. */
  static List<ExampleLlm.OfflineProvider> offline(double tokensPerSecond) {
    return List.of(
        ExampleLlm.OfflineProvider.of(
            "offline",
            FakeLlmServer.builder()
                .respond(OfflineModels.responder(new OfflineWriter()))
                .latency(Duration.ofMillis(150))
                .tokensPerSecond(tokensPerSecond)));
  }

  /** The blog writer whose LLM keeps its limits in {@code limits} (its store's, to share them). */
  public BlogWriter on(LimitStore limits) {
    Lazy<Llm> model = Lazy.of(() -> llm.get().llm(limits));
    return new BlogWriter(model, library, new HttpWeb(web, 8));
  }

  public Library library() {
    return library;
  }

  /** Where the model calls go (starting the offline fake if that is where). */
  public ExampleLlm llm() {
    return llm.get();
  }

  @Override
  public void close() {
    if (llm.isMade()) {
      llm.get().close();
    }
    if (web.isMade()) {
      web.get().close();
    }
  }
}
