package dev.spool.examples.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {
  private static final String PAGE =
      "<!doctype html><html><head><title>Team &amp; friends</title><style>p{color:red}</style>"
          + "</head><body><nav><a href=\"/\">Home</a></nav><main><h1>Team</h1>"
          + "<p>Ana works from our <a href=\"/offices/lisbon#map\">Lisbon office</a>.</p>"
          + "<script>var x = '<p>not text</p>';</script>"
          + "<ul><li><a href='team/ana'>Ana</a> — CTO</li><li><a href=\"mailto:a@b.example\">mail</a>"
          + "</li><li><a href=\"https://other.example/x?y=1\">out</a></li>"
          + "<li><a href=\"/offices/lisbon\">again</a></li></ul></main>"
          + "<footer>© Acme</footer></body></html>";

  @Test
  void readsTheTitleDecoded() {
    assertThat(Html.title(PAGE)).contains("Team & friends");
    assertThat(Html.title("<p>no title</p>")).isEmpty();
  }

  @Test
  void textHasALinePerBlockNoMarkupNoScriptAndNoSpaceBeforeInlineLinksEnd() {
    String text = Html.text(Html.main(PAGE));

    assertThat(text.lines())
        .containsExactly(
            "Team", "Ana works from our Lisbon office.", "Ana — CTO", "mail", "out", "again");
  }

  @Test
  void mainPrefersTheArticleThenMainThenBody() {
    assertThat(Html.main("<body><nav>n</nav><article>a</article><main>m</main></body>"))
        .isEqualTo("a");
    assertThat(Html.main("<body><nav>n</nav><main>m</main></body>")).isEqualTo("m");
    assertThat(Html.main("<body>b</body>")).isEqualTo("b");
    assertThat(Html.main("just text")).isEqualTo("just text");
  }

  @Test
  void linksAreAbsoluteWithoutFragmentsHttpOnlyAndEachOnce() {
    assertThat(Html.links(PAGE, "https://acme.example/team"))
        .containsExactly(
            "https://acme.example/",
            "https://acme.example/offices/lisbon",
            "https://acme.example/team/ana",
            "https://other.example/x?y=1");
  }

  @Test
  void escapesWhatHtmlWouldRead() {
    assertThat(Html.escape("<a href=\"x\">&</a>"))
        .isEqualTo("&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;");
  }
}
