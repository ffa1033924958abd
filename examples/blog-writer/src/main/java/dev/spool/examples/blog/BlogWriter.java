package dev.spool.examples.blog;

import dev.spool.Component;
import dev.spool.NonRetryableException;
import dev.spool.RetryPolicy;
import dev.spool.TypeRef;
import dev.spool.Workflow;
import dev.spool.examples.common.Html;
import dev.spool.examples.common.Web;
import dev.spool.examples.common.WebPage;
import dev.spool.llm.Llm;
import dev.spool.llm.Reply;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * {@code blog-writer}: researches a topic in the library (searches, then reads the best articles
 * over HTTP), outlines a post (structured model output), writes its sections in parallel, each
 * streaming into its own output ({@code section-1}, {@code section-2}, …), edits them into the post
 * (streaming into the output {@code post}), and returns the post in Markdown. Progress events name
 * the phase; every step is checkpointed, so a run that loses its worker resumes where it stopped.
 *
 * <pre>{@code
 * BlogWriter blog = new BlogWriter(() -> llm, Library.load(), new HttpWeb(localWeb, 8));
 * Spool spool = Spool.builder(store).register(blog.workflow()).build();
 * spool.start("blog-writer", "{\"topic\":\"durable execution for AI agents\"}");
 * }</pre>
 */
public final class BlogWriter {
  public static final String NAME = "blog-writer";

  /** The output stream the edited post streams into. */
  public static final String POST = "post";

  private static final int RESULTS_PER_SEARCH = 5;
  private static final int SOURCES = 5;

  private final Supplier<Llm> llm;
  private final Library library;
  private final Web web;

  /**
   * @param llm the model, asked for on first use (so an offline fake starts only when a run needs
   *     it)
   * @param library what the search steps search
   * @param web what the fetch steps read pages with
   */
  public BlogWriter(Supplier<Llm> llm, Library library, Web web) {
    this.llm = Objects.requireNonNull(llm, "llm");
    this.library = Objects.requireNonNull(library, "library");
    this.web = Objects.requireNonNull(web, "web");
  }

  /** Asks the model which searches cover the topic. */
  public Component<String, ResearchPlan> plan() {
    return Component.<String, ResearchPlan>of(
        "plan-research",
        ResearchPlan.class,
        (ctx, topic) -> {
          ResearchPlan p =
              ctx.call(llm.get().structured("llm", ResearchPlan.class), Prompts.plan(topic));
          Set<String> queries = new LinkedHashSet<>();
          for (String q : p.queries()) {
            if (q != null && !q.isBlank() && queries.size() < 4) {
              queries.add(q.strip());
            }
          }
          return new ResearchPlan(queries.isEmpty() ? List.of(topic) : List.copyOf(queries));
        });
  }

  /** Searches the library (BM25); a real deployment would call a search API here. */
  public Component<Query, List<Hit>> search() {
    return Component.of(
        "search", new TypeRef<List<Hit>>() {}, (ctx, q) -> library.search(q.text(), q.limit()));
  }

  /** Reads one article over HTTP and keeps its text. */
  public Component<Hit, Page> fetch() {
    return Component.<Hit, Page>of(
            "fetch",
            Page.class,
            (ctx, hit) -> {
              WebPage page = web.get(hit.url());
              if (page.status() == 404 || page.status() == 410) {
                throw new NonRetryableException("no page at " + hit.url());
              }
              if (!page.ok()) {
                throw new IOException("HTTP " + page.status() + " from " + hit.url());
              }
              String title = Html.title(page.html()).orElse(hit.title());
              String text = Html.text(Html.main(page.html()));
              if (text.startsWith(title + "\n")) {
                text = text.substring(title.length() + 1);
              }
              return new Page(hit.url(), title, text);
            })
        .retry(RetryPolicy.exponential(4, Duration.ofMillis(200)));
  }

  /** Asks the model for the post's outline, and holds it to the request. */
  public Component<OutlineRequest, Outline> outline() {
    return Component.<OutlineRequest, Outline>of(
            "outline",
            Outline.class,
            (ctx, req) ->
                fit(
                    ctx.call(llm.get().structured("llm", Outline.class), Prompts.outline(req)),
                    req))
        .retry(RetryPolicy.exponential(2, Duration.ofSeconds(1)));
  }

  /** Writes one section, streaming its text into the output {@code section-<number>}. */
  public Component<SectionRequest, Section> write() {
    return Component.of(
        "write-section",
        Section.class,
        (ctx, req) -> {
          Reply r = ctx.call(llm.get().stream("llm", req.stream()), Prompts.section(req));
          return new Section(req.number(), req.heading(), r.text().strip());
        });
  }

  /**
   * Edits the sections into the post, streaming it into the output {@code post}, then appends the
   * sources. The post returned equals the text the {@code post} stream assembles to.
   */
  public Component<EditRequest, String> edit() {
    return Component.of(
        "edit",
        String.class,
        (ctx, req) -> {
          Reply r = ctx.call(llm.get().stream("llm", POST), Prompts.edit(req));
          String text = r.text();
          StringBuilder sources =
              new StringBuilder(text.endsWith("\n\n") ? "" : text.endsWith("\n") ? "\n" : "\n\n");
          sources.append("## Sources\n");
          for (Source s : req.sources()) {
            sources.append('\n').append(s.number()).append(". [");
            sources.append(s.title()).append("](").append(s.url()).append(')');
          }
          sources.append('\n');
          ctx.output(POST, sources.toString());
          return text + sources;
        });
  }

  /** The workflow. */
  public Workflow<BlogRequest, String> workflow() {
    Component<String, ResearchPlan> plan = plan();
    Component<Query, List<Hit>> search = search();
    Component<Hit, Page> fetch = fetch();
    Component<OutlineRequest, Outline> outline = outline();
    Component<SectionRequest, Section> write = write();
    Component<EditRequest, String> edit = edit();
    return Workflow.of(
            NAME,
            BlogRequest.class,
            String.class,
            (ctx, req) -> {
              String topic = req.topic();
              ctx.progress(Progress.of("research", "planning the research on \"" + topic + "\""));
              List<String> queries = ctx.call(plan, topic).queries();
              ctx.progress(
                  Progress.of("research", "searching the library: " + String.join(" · ", queries)));
              List<List<Hit>> found =
                  ctx.all(queries, q -> ctx.call(search, new Query(q, RESULTS_PER_SEARCH)));
              List<Hit> best = Research.best(found, SOURCES);
              if (best.isEmpty()) {
                throw new NonRetryableException("the library has nothing on \"" + topic + "\"");
              }
              ctx.progress(
                  Progress.of(
                      "research",
                      "reading "
                          + best.size()
                          + " articles: "
                          + String.join(" · ", best.stream().map(Hit::title).toList())));
              List<Source> sources = Research.numbered(ctx.all(best, h -> ctx.call(fetch, h)));

              int wanted = req.sectionCount();
              ctx.progress(
                  Progress.of(
                      "outline",
                      "outlining " + wanted + " sections from " + sources.size() + " sources"));
              Outline outlined = ctx.call(outline, new OutlineRequest(topic, wanted, sources));
              int n = outlined.sections().size();
              ctx.progress(
                  new Progress(
                      "write",
                      "\""
                          + outlined.title()
                          + "\": writing "
                          + n
                          + " sections in parallel, each streaming into its own output"
                          + " (section-1 … section-"
                          + n
                          + ")",
                      0,
                      n));
              AtomicInteger written = new AtomicInteger();
              List<Section> sections =
                  ctx.all(
                      IntStream.rangeClosed(1, n).boxed().toList(),
                      i -> {
                        Outline.SectionPlan p = outlined.sections().get(i - 1);
                        Section s =
                            ctx.call(
                                write,
                                new SectionRequest(
                                    topic,
                                    outlined.title(),
                                    i,
                                    n,
                                    p.heading(),
                                    p.brief(),
                                    Research.cited(sources, p.sources())));
                        ctx.progress(
                            new Progress(
                                "write",
                                "section "
                                    + i
                                    + " written: \""
                                    + s.heading()
                                    + "\" ("
                                    + s.words()
                                    + " words)",
                                written.incrementAndGet(),
                                n));
                        return s;
                      });

              int draftWords = sections.stream().mapToInt(Section::words).sum();
              ctx.progress(
                  Progress.of(
                      "edit",
                      "editing " + draftWords + " words of draft into the post (output: post)"));
              String post =
                  ctx.call(edit, new EditRequest(topic, outlined.title(), sections, sources));
              ctx.progress(
                  Progress.of(
                      "done",
                      Research.words(post)
                          + " words in "
                          + n
                          + " sections, citing "
                          + sources.size()
                          + " sources"));
              return post;
            })
        .description(
            "Researches a topic in a library of articles, outlines a post, writes its sections in"
                + " parallel (streamed), edits it, and returns it in Markdown.");
  }

  /** The model's outline held to the request: headings present, at most the sections asked for. */
  static Outline fit(Outline o, OutlineRequest req) {
    if (o.title() == null || o.title().isBlank()) {
      throw new IllegalStateException("the outline has no title");
    }
    Set<Integer> known = new LinkedHashSet<>();
    req.sources().forEach(s -> known.add(s.number()));
    List<Outline.SectionPlan> sections = new ArrayList<>();
    for (Outline.SectionPlan s : o.sections()) {
      if (s == null || s.heading() == null || s.heading().isBlank()) {
        continue;
      }
      List<Integer> cited =
          s.sources() == null
              ? List.of()
              : s.sources().stream().filter(known::contains).distinct().toList();
      sections.add(
          new Outline.SectionPlan(
              s.heading().strip(),
              s.brief() == null ? "" : s.brief().strip(),
              cited.isEmpty() ? List.copyOf(known) : cited));
      if (sections.size() == req.sections()) {
        break;
      }
    }
    if (sections.isEmpty()) {
      throw new IllegalStateException("the outline has no sections");
    }
    return new Outline(o.title().strip(), sections);
  }
}
