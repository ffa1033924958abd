package dev.spool.examples.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.examples.common.Html;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CompanySiteTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "northwind-robotics.example",
        "acme.example",
        "blue-harbor-health.example",
        "x.example",
        "very-long-company-name-inc.example"
      })
  void everySiteHasAtLeastAHundredPagesAndNoBrokenLinks(String host) {
    CompanySite.Generated site = new CompanySite().site(host);

    assertThat(site.pages()).hasSizeBetween(100, 140);
    Set<String> urls = Set.copyOf(site.urls());
    for (var page : site.pages().entrySet()) {
      String url = "https://" + host + page.getKey();
      for (String link : Html.links(page.getValue(), url)) {
        assertThat(urls).as("link from " + url).contains(Onboarding.normalize(link));
      }
    }
    assertThat(site.facts().people()).hasSizeBetween(30, 40);
    assertThat(site.facts().name()).isEqualTo(CompanySite.nameOf(host));
  }

  @Test
  void theSameHostGetsTheSameSiteInEveryInstanceAndAnotherHostAnotherOne() {
    CompanySite.Generated a = new CompanySite().site("northwind-robotics.example");
    CompanySite.Generated b = new CompanySite().site("NORTHWIND-ROBOTICS.example");
    CompanySite.Generated c = new CompanySite().site("southwind-robotics.example");

    assertThat(a.pages()).isEqualTo(b.pages());
    assertThat(a.facts()).isEqualTo(b.facts());
    assertThat(c.facts().people()).isNotEqualTo(a.facts().people());
  }

  @Test
  void servesPagesByPathAndNothingForUnknownPaths() {
    CompanySite sites = new CompanySite();
    assertThat(sites.page("acme.example", "/")).isPresent();
    assertThat(sites.page("acme.example", "/about/"))
        .isEqualTo(sites.page("acme.example", "/about"));
    assertThat(sites.page("acme.example", "/no-such-page")).isEmpty();
    assertThat(Html.title(sites.page("acme.example", "/about").orElseThrow()))
        .contains("About — Acme");
  }

  @Test
  void namesTheCompanyAfterItsHost() {
    assertThat(CompanySite.nameOf("northwind-robotics.example")).isEqualTo("Northwind Robotics");
    assertThat(CompanySite.nameOf("acme.example")).isEqualTo("Acme");
  }
}
