package dev.spool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java} block of the README compiles against Spool's real API, with the compiler of
 * the running JDK and this module's test classpath (which holds every Spool module).
 *
 * <p>A snippet is a fragment, so each is wrapped in one class: the shared imports and the free
 * names the README's prose introduces ({@link #PREAMBLE}); a snippet whose first line declares
 * something ({@code record}, {@code class}, {@code static}, …) goes in the class body, any other in
 * a method body that may throw.
 */
class ReadmeSnippetsTest {
  private static final String IMPORTS =
      """
      import dev.spool.*;
      import dev.spool.client.*;
      import dev.spool.llm.*;
      import dev.spool.store.*;
      import dev.spool.testkit.*;
      import dev.spool.worker.*;
      import java.net.*;
      import java.nio.file.*;
      import java.time.*;
      import java.util.*;
      """;

  /** The names the README uses without declaring them in the snippet. */
  private static final String PREAMBLE =
      """
        /** The blog example's own model calls (the README's first snippet). */
        interface Writer {
          List<String> outline(String topic);

          String write(String heading);
        }

        static Writer llm;
        static Store store;
        static String key;

        record Outline(List<String> sections) {}
      """;

  private static final Pattern DECLARATION =
      Pattern.compile("^(record|class|interface|enum|static|public|private|final|@)\\b.*");

  record Snippet(int line, String code) {}

  @Test
  void everyJavaSnippetInTheReadmeCompiles(@TempDir Path out) throws IOException {
    List<Snippet> snippets = snippets(readme());
    assertThat(snippets).as("java blocks in README.md").isNotEmpty();
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertThat(javac).as("a JDK compiler").isNotNull();
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < snippets.size(); i++) {
      Snippet s = snippets.get(i);
      String name = "ReadmeSnippet" + i;
      Path src = out.resolve(name + ".java");
      Files.writeString(src, wrap(name, s.code()));
      DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
      try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, null)) {
        boolean ok =
            javac
                .getTask(
                    null,
                    files,
                    diagnostics,
                    List.of("--release", "21", "-classpath", classpath(), "-d", out.toString()),
                    null,
                    files.getJavaFileObjects(src))
                .call();
        if (!ok) {
          StringBuilder why = new StringBuilder("README.md line " + s.line() + ":\n");
          for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            why.append("  ").append(d.getMessage(Locale.ROOT)).append('\n');
          }
          failures.add(why.toString());
        }
      }
    }
    assertThat(failures).as("snippets that do not compile").isEmpty();
  }

  /** Each {@code ```java} block, with the README line its code starts on. */
  static List<Snippet> snippets(List<String> lines) {
    List<Snippet> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().equals("```java")) {
        int start = i + 1;
        StringBuilder code = new StringBuilder();
        for (i = start; i < lines.size() && !lines.get(i).strip().startsWith("```"); i++) {
          code.append(lines.get(i)).append('\n');
        }
        out.add(new Snippet(start + 1, code.toString()));
      }
    }
    return out;
  }

  static String wrap(String name, String code) {
    String first = code.strip().lines().findFirst().orElse("");
    String body =
        DECLARATION.matcher(first).matches()
            ? code
            : "  static void snippet() throws Exception {\n" + code + "\n  }\n";
    return IMPORTS + "\nclass " + name + " {\n" + PREAMBLE + "\n" + body + "}\n";
  }

  private static List<String> readme() throws IOException {
    Path readme = Path.of("..", "README.md");
    assertThat(readme).as("README.md at the repository root").exists();
    return Files.readAllLines(readme);
  }

  private static String classpath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank()
        ? surefire
        : System.getProperty("java.class.path");
  }
}
