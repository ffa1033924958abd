package dev.spool.examples.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The loopback web over real HTTP, and the client that maps .example URLs onto it. */
class LocalWebTest {
  private static final LocalWeb.Sites SITES =
      (host, path) ->
          host.equals("acme.example") && !path.equals("/missing")
              ? Optional.of("<html><body><p>" + host + " " + path + "</p></body></html>")
              : Optional.empty();

  @Test
  void servesEveryExampleSiteOverHttpUnderItsOwnHost() throws Exception {
    try (LocalWeb web = LocalWeb.start(SITES)) {
      URI where = web.locate(URI.create("https://acme.example/team/ana"));
      assertThat(where.toString()).isEqualTo(web.baseUri() + "/acme.example/team/ana");

      HttpWeb http = new HttpWeb(() -> web, 4);
      WebPage page = http.get("https://acme.example/team/ana");
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.url()).isEqualTo("https://acme.example/team/ana");
      assertThat(Html.text(page.html())).isEqualTo("acme.example /team/ana");
      assertThat(Html.text(http.get("https://ACME.example").html())).isEqualTo("acme.example /");

      assertThat(http.get("https://acme.example/missing").status()).isEqualTo(404);
      assertThat(http.get("https://other.example/").status()).isEqualTo(404);
    }
  }

  @Test
  void onlyExampleHostsAreLocal() {
    assertThat(LocalWeb.isLocal(URI.create("https://acme.example/x"))).isTrue();
    assertThat(LocalWeb.isLocal(URI.create("https://example.com/"))).isFalse();
    assertThat(LocalWeb.isLocal(URI.create("https://example/"))).isFalse();
    try (LocalWeb web = LocalWeb.start(SITES)) {
      assertThatThrownBy(() -> web.locate(URI.create("https://example.com/")))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void fetchesOnlyHttpUrls() {
    HttpWeb http =
        new HttpWeb(
            () -> {
              throw new AssertionError("no local web needed");
            },
            1);
    assertThatThrownBy(() -> http.get("file:///etc/passwd"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only http(s)");
  }

  @Test
  void itsServerThreadsAreDaemonsSoAnUnclosedWebDoesNotKeepAProcessAlive() {
    try (LocalWeb web = LocalWeb.start(SITES)) {
      assertThat(Thread.getAllStackTraces().keySet())
          .filteredOn(t -> t.getName().startsWith("HTTP-Dispatcher"))
          .isNotEmpty()
          .allMatch(Thread::isDaemon);
    }
  }
}
