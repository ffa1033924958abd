package dev.spool.examples.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.Json;
import dev.spool.examples.common.Html;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The offline model reads the facts a page states, and answers in the JSON the prompt asks for. */
class OfflineExtractorTest {
  private final CompanySite.Generated site = new CompanySite().site("acme.example");

  private PageFacts extract(String path) {
    String url = "https://acme.example" + path;
    String html = site.pages().get(path);
    Page page =
        new Page(url, 200, Html.title(html).orElseThrow(), Html.text(Html.main(html)), List.of());
    String reply =
        new OfflineExtractor()
            .reply(Prompts.EXTRACT, Prompts.extract(page).messages().get(0).text());
    return Json.read(reply, PageFacts.class);
  }

  @Test
  void readsThePersonAPersonPageIsAbout() {
    Person first = site.facts().people().get(0);
    PageFacts f = extract("/team/" + CompanySite.slugOf(first.name()));

    assertThat(f.pageType()).isEqualTo("person");
    assertThat(f.people()).containsExactly(first);
    assertThat(f.company()).containsEntry("name", "Acme");
    assertThat(f.customers()).isEmpty();
  }

  @Test
  void readsTheCompanysOwnFactsOnItsAboutAndContactPages() {
    CompanyFacts truth = site.facts();
    PageFacts about = extract("/about");
    assertThat(about.company())
        .containsEntry("founded", String.valueOf(truth.founded()))
        .containsEntry("headquarters", truth.headquarters())
        .containsEntry("employees", String.valueOf(truth.employees()));
    assertThat(about.investors()).containsExactlyElementsOf(truth.investors());

    PageFacts contact = extract("/contact");
    assertThat(contact.company())
        .containsEntry("email", truth.email())
        .containsEntry("phone", truth.phone())
        .containsEntry("headquarters", truth.headquarters());
  }

  @Test
  void readsAProductWithItsPriceAndTheCustomersThatUseIt() {
    Product p = site.facts().products().get(0);
    PageFacts f = extract("/products/" + CompanySite.slugOf(p.name()));

    assertThat(f.pageType()).isEqualTo("product");
    assertThat(f.products()).containsExactly(p);
    assertThat(f.customers()).isSubsetOf(site.facts().customers());
  }

  @Test
  void readsListsOffIndexPages() {
    assertThat(extract("/team").people()).containsExactlyElementsOf(site.facts().people());
    assertThat(extract("/customers").customers())
        .containsExactlyElementsOf(site.facts().customers());
    assertThat(extract("/offices").offices()).containsExactlyElementsOf(site.facts().offices());
    assertThat(extract("/blog").count()).isZero();
  }
}
