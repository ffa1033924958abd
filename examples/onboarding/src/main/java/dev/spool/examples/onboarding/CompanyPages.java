package dev.spool.examples.onboarding;

import static dev.spool.examples.onboarding.CompanySite.slugOf;
import static dev.spool.examples.onboarding.Prose.and;
import static dev.spool.examples.onboarding.Prose.article;
import static dev.spool.examples.onboarding.Prose.first;

import dev.spool.examples.common.Html;
import dev.spool.examples.onboarding.Company.Client;
import dev.spool.examples.onboarding.Company.Job;
import dev.spool.examples.onboarding.Company.Offering;
import dev.spool.examples.onboarding.Company.Office;
import dev.spool.examples.onboarding.Company.Post;
import dev.spool.examples.onboarding.Company.Round;
import dev.spool.examples.onboarding.Company.Staff;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The pages of a company's site, path to HTML: home, about, team and a page per person, products,
 * customer stories, offices, blog, press, careers and contact, each linking only to pages that
 * exist.
 */
final class CompanyPages {
  private final Company company;
  private final String name;
  private final SortedMap<String, String> all = new TreeMap<>();

  private CompanyPages(Company company) {
    this.company = company;
    this.name = company.name();
  }

  /** Every page of {@code company}'s site by path. */
  static SortedMap<String, String> of(Company company) {
    CompanyPages pages = new CompanyPages(company);
    pages.home();
    pages.about();
    pages.team();
    pages.products();
    pages.customers();
    pages.offices();
    pages.blog();
    pages.press();
    pages.careers();
    pages.contact();
    return Collections.unmodifiableSortedMap(pages.all);
  }

  private void home() {
    add(
        "/",
        name,
        "<h1>"
            + name
            + "</h1><p>Welcome to "
            + name
            + ". "
            + company.tagline()
            + ".</p>"
            + whatItBuilds()
            + "<ul><li><a href=\"/team\">Meet the team</a></li>"
            + "<li><a href=\"/products\">See our products</a></li>"
            + "<li><a href=\"/customers\">Read our customers' stories</a></li></ul>");
  }

  private void about() {
    add(
        "/about",
        "About",
        "<h1>About "
            + name
            + "</h1><p>"
            + name
            + " was founded in "
            + company.founded()
            + " and is headquartered in "
            + company.headquarters().place()
            + ".</p><p>Today the company employs "
            + company.employees()
            + " people across "
            + company.offices().size()
            + " offices.</p><p>"
            + name
            + " is backed by "
            + and(company.investors())
            + ".</p>"
            + whatItBuilds());
  }

  /** The sentence the home and about pages share. */
  private String whatItBuilds() {
    return "<p>"
        + name
        + " builds "
        + company.industry().name()
        + " software for "
        + company.industry().audience()
        + ".</p>";
  }

  private void team() {
    StringBuilder team =
        new StringBuilder("<h1>Team</h1><p>Meet the people behind " + name + ".</p><ul>");
    for (Staff s : company.staff()) {
      team.append(li("/team/" + slugOf(s.name()), s.name(), " — " + s.title()));
      add(
          "/team/" + slugOf(s.name()),
          s.name(),
          "<h1>"
              + s.name()
              + "</h1><p>"
              + s.name()
              + " is the "
              + s.title()
              + " at "
              + name
              + ".</p><p>Before joining "
              + name
              + ", "
              + first(s.name())
              + " spent "
              + s.years()
              + " years at "
              + s.previous()
              + ".</p><p>"
              + first(s.name())
              + " works from our <a href=\"/offices/"
              + s.office().slug()
              + "\">"
              + s.office().city()
              + " office</a>.</p>");
    }
    add("/team", "Team", team + "</ul>");
  }

  private void products() {
    StringBuilder productList = new StringBuilder("<h1>Products</h1><ul>");
    for (Offering p : company.products()) {
      productList.append(li("/products/" + slugOf(p.name()), p.name(), " — " + p.summary()));
      List<Client> users =
          company.clients().stream().filter(c -> c.product() == p).limit(2).toList();
      String used =
          users.isEmpty()
              ? ""
              : "<p>Teams at "
                  + and(
                      users.stream()
                          .map(c -> link("/customers/" + slugOf(c.name()), c.name()))
                          .toList())
                  + " use "
                  + p.name()
                  + " every day.</p>";
      add("/products/" + slugOf(p.name()), p.name(), "<h1>" + p.name() + "</h1>" + pitch(p) + used);
    }
    add("/products", "Products", productList + "</ul>");
  }

  private void customers() {
    StringBuilder clientList =
        new StringBuilder("<h1>Customers</h1><p>Companies that rely on " + name + ".</p><ul>");
    for (Client c : company.clients()) {
      clientList.append(li("/customers/" + slugOf(c.name()), c.name(), " (" + c.sector() + ")"));
      add(
          "/customers/" + slugOf(c.name()),
          "Case study: " + c.name(),
          "<h1>Case study: "
              + c.name()
              + "</h1><p>"
              + c.name()
              + ", "
              + article(c.sector())
              + " company based in "
              + c.city()
              + ", uses "
              + link("/products/" + slugOf(c.product().name()), c.product().name())
              + " to "
              + company.industry().goal()
              + ".</p><p>“"
              + c.quote()
              + "”, says "
              + c.contact()
              + ", Head of Operations at "
              + c.name()
              + ".</p>");
    }
    add("/customers", "Customers", clientList + "</ul>");
  }

  private void offices() {
    StringBuilder officeList = new StringBuilder("<h1>Offices</h1><ul>");
    for (Office o : company.offices()) {
      officeList.append(
          li(
              "/offices/" + o.slug(),
              o.place(),
              o == company.headquarters() ? " (headquarters)" : ""));
      long here = company.staff().stream().filter(s -> s.office() == o).count();
      add(
          "/offices/" + o.slug(),
          o.city(),
          "<h1>"
              + o.city()
              + "</h1><p>Our office in "
              + o.place()
              + " opened in "
              + o.opened()
              + ".</p><p>You will find us at "
              + o.street()
              + ".</p><p>"
              + (here + 3)
              + " of us work here.</p>");
    }
    add("/offices", "Offices", officeList + "</ul>");
  }

  private void blog() {
    StringBuilder blog = new StringBuilder("<h1>Blog</h1><ul>");
    for (Post p : company.posts()) {
      blog.append(li("/blog/" + slugOf(p.title()), p.title(), ""));
      StringBuilder body = new StringBuilder("<h1>" + p.title() + "</h1>");
      for (String[] u : p.uses()) {
        body.append("<p>We use ").append(u[0]).append(" for ").append(u[1]).append(".</p>");
      }
      body.append("<p>This post explains what we learned along the way, and what we would do")
          .append(" differently next time.</p>");
      add("/blog/" + slugOf(p.title()), p.title(), body.toString());
    }
    add("/blog", "Blog", blog + "</ul>");
  }

  private void press() {
    StringBuilder press = new StringBuilder("<h1>Press</h1><ul>");
    List<String[]> releases = new ArrayList<>();
    for (Round x : company.rounds()) {
      releases.add(
          new String[] {
            name + " raises " + x.amount() + " in " + x.round() + " funding",
            "<p>"
                + name
                + " today announced "
                + x.amount()
                + " in "
                + x.round()
                + " funding led by "
                + x.lead()
                + ", with participation from "
                + and(x.others())
                + ".</p><p>The money will pay for new offices and hiring.</p>"
          });
    }
    for (Offering p : company.products().subList(0, 2)) {
      releases.add(new String[] {name + " launches " + p.name(), pitch(p)});
    }
    for (Office o : company.offices().subList(1, Math.min(3, company.offices().size()))) {
      releases.add(
          new String[] {
            name + " opens an office in " + o.city(),
            "<p>Our office in " + o.place() + " opened in " + o.opened() + ".</p>"
          });
    }
    for (String[] rel : releases) {
      press.append(li("/press/" + slugOf(rel[0]), rel[0], ""));
      add("/press/" + slugOf(rel[0]), rel[0], "<h1>" + rel[0] + "</h1>" + rel[1]);
    }
    add("/press", "Press", press + "</ul>");
  }

  private void careers() {
    StringBuilder careers =
        new StringBuilder(
            "<h1>Careers</h1><p>We are "
                + company.employees()
                + " people and growing. Open roles:</p><ul>");
    Set<String> jobSlugs = new HashSet<>();
    for (Job j : company.jobs()) {
      String title = j.role() + ", " + j.office().city();
      String slug = slugOf(title);
      for (int k = 2; !jobSlugs.add(slug); k++) {
        slug = slugOf(title) + "-" + k;
      }
      careers.append(li("/careers/" + slug, title, ""));
      add(
          "/careers/" + slug,
          title,
          "<h1>"
              + title
              + "</h1><p>"
              + name
              + " is hiring "
              + article(j.role())
              + " in "
              + j.office().city()
              + ".</p><p>You will work with "
              + and(j.tech())
              + ".</p>");
    }
    add("/careers", "Careers", careers + "</ul>");
  }

  private void contact() {
    add(
        "/contact",
        "Contact",
        "<h1>Contact</h1><p>Write to us at "
            + company.email()
            + " or call "
            + company.phone()
            + ".</p><p>Our headquarters: "
            + company.headquarters().street()
            + ", "
            + company.headquarters().place()
            + ".</p>");
  }

  /** Adds a page with the site's navigation and footer around its content. */
  private void add(String path, String title, String main) {
    if (all.containsKey(path)) {
      throw new IllegalStateException("two pages at " + path);
    }
    all.put(
        path,
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>"
            + Html.escape(title.equals(name) ? name : title + " — " + name)
            + "</title></head><body><nav><a href=\"/\">Home</a> <a href=\"/about\">About</a>"
            + " <a href=\"/team\">Team</a> <a href=\"/products\">Products</a>"
            + " <a href=\"/customers\">Customers</a> <a href=\"/offices\">Offices</a>"
            + " <a href=\"/blog\">Blog</a> <a href=\"/press\">Press</a>"
            + " <a href=\"/careers\">Careers</a> <a href=\"/contact\">Contact</a></nav><main>"
            + main
            + "</main><footer>© "
            + Html.escape(name)
            + "</footer></body></html>");
  }

  /** What a product is and costs, as its page and its launch's press release say. */
  private static String pitch(Offering p) {
    return "<p>"
        + p.name()
        + " is "
        + p.summary()
        + ".</p><p>Pricing starts at "
        + p.price()
        + " per month.</p>";
  }

  private static String link(String path, String text) {
    return "<a href=\"" + path + "\">" + Html.escape(text) + "</a>";
  }

  private static String li(String path, String text, String after) {
    return "<li>" + link(path, text) + Html.escape(after) + "</li>";
  }
}
