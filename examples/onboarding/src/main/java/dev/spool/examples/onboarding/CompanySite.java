package dev.spool.examples.onboarding;

import dev.spool.examples.common.Html;
import dev.spool.examples.common.LocalWeb;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Company websites made up on demand: any host under {@code .example} is a company (its name from
 * the host, {@code northwind-robotics.example} is Northwind Robotics) with a site of 100 to 140
 * pages: home, about, team and a page per person, products, customer stories, offices, blog, press,
 * careers and contact. The same host always gets the same site, in every process.
 */
public final class CompanySite implements LocalWeb.Sites {
  private final Map<String, Generated> sites = new ConcurrentHashMap<>();

  /** A site: its pages (path to HTML) and the facts they state. */
  public record Generated(String host, SortedMap<String, String> pages, CompanyFacts facts) {
    /** Every page's URL, {@code https://host/path}. */
    public List<String> urls() {
      return pages.keySet().stream().map(p -> "https://" + host + p).toList();
    }
  }

  @Override
  public Optional<String> page(String host, String path) {
    String p =
        path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    return Optional.ofNullable(site(host).pages().get(p));
  }

  /** The site of {@code host}. */
  public Generated site(String host) {
    return sites.computeIfAbsent(host.toLowerCase(Locale.ROOT), CompanySite::generate);
  }

  private record Office(String city, String country, String street, int opened, int people) {
    String place() {
      return city + ", " + country;
    }

    String slug() {
      return slugOf(city);
    }
  }

  private record Staff(String name, String title, Office office, int years, String previous) {}

  private record Offering(String name, String summary, String price) {}

  private record Client(
      String name, String sector, String city, Offering product, String quote, String contact) {}

  private record Round(String round, String amount, String lead, List<String> others) {}

  private record Post(String title, List<String[]> uses) {}

  private record Job(String role, Office office, List<String> tech) {}

  static Generated generate(String host) {
    SplittableRandom r = new SplittableRandom(seed(host));
    String name = nameOf(host);
    Pools.Industry industry = pick(r, Pools.INDUSTRIES);
    String tagline = pick(r, industry.taglines());
    int founded = 2008 + r.nextInt(13);

    List<String[]> cities = shuffled(r, Pools.CITIES);
    List<Office> offices = new ArrayList<>();
    int officeCount = 4 + r.nextInt(3);
    for (int i = 0; i < officeCount; i++) {
      String[] c = cities.get(i);
      int opened = i == 0 ? founded : founded + 1 + r.nextInt(2025 - founded);
      offices.add(new Office(c[0], c[1], c[2], opened, 0));
    }

    int staffCount = 30 + r.nextInt(11);
    List<String> names = uniqueNames(r, staffCount + 30);
    List<String> leaders = shuffled(r, Pools.LEADERS);
    List<Staff> staff = new ArrayList<>();
    for (int i = 0; i < staffCount; i++) {
      String title = i < 6 ? leaders.get(i) : pick(r, Pools.ROLES);
      Office o = i < 2 ? offices.get(0) : pick(r, offices);
      staff.add(new Staff(names.get(i), title, o, 2 + r.nextInt(11), pick(r, Pools.PREVIOUS)));
    }
    int employees = staffCount * (4 + r.nextInt(4)) + r.nextInt(20);

    List<Offering> products = new ArrayList<>();
    List<String> productNames = shuffled(r, industry.products());
    for (int i = 0; i < 8 + r.nextInt(5); i++) {
      String summary =
          article(pick(r, Pools.ADJECTIVES))
              + " "
              + pick(r, Pools.KINDS)
              + " for "
              + industry.audience();
      products.add(new Offering(productNames.get(i), summary, "$" + (19 + 10 * r.nextInt(40))));
    }

    List<Client> clients = new ArrayList<>();
    Set<String> clientNames = new HashSet<>();
    int clientCount = 18 + r.nextInt(9);
    while (clients.size() < clientCount) {
      String c = pick(r, Pools.CUSTOMER_FIRST) + " " + pick(r, Pools.CUSTOMER_LAST);
      if (clientNames.add(c)) {
        clients.add(
            new Client(
                c,
                pick(r, Pools.SECTORS),
                pick(r, Pools.CITIES)[0],
                pick(r, products),
                pick(r, Pools.QUOTES),
                names.get(staffCount + clients.size() % 30)));
      }
    }

    List<String> tech = shuffled(r, Pools.TECH).subList(0, 10 + r.nextInt(5));
    List<Post> posts = new ArrayList<>();
    Set<String> titles = new HashSet<>();
    int postCount = 18 + r.nextInt(9);
    for (int i = 0; i < postCount; i++) {
      String t1 = tech.get(i % tech.size());
      String t2 = tech.get((i * 5 + 3) % tech.size());
      String p1 = Pools.PURPOSES.get((i * 7) % Pools.PURPOSES.size());
      String p2 = Pools.PURPOSES.get((i * 7 + 4) % Pools.PURPOSES.size());
      String title = "How we use " + t1 + " for " + p1;
      if (!titles.add(title)) {
        title = title + ", part " + (i + 1);
        titles.add(title);
      }
      List<String[]> uses = new ArrayList<>();
      uses.add(new String[] {t1, p1});
      if (!t2.equals(t1)) {
        uses.add(new String[] {t2, p2});
      }
      posts.add(new Post(title, uses));
    }

    List<Job> jobs = new ArrayList<>();
    for (int i = 0; i < 8 + r.nextInt(5); i++) {
      List<String> stack = shuffled(r, tech).subList(0, 3);
      jobs.add(new Job(pick(r, Pools.ROLES), pick(r, offices), stack));
    }

    List<String> investorPool = shuffled(r, Pools.INVESTORS);
    List<Round> rounds = new ArrayList<>();
    String[][] stages = {
      {"seed", "$3M"}, {"Series A", "$12M"}, {"Series B", "$35M"}, {"Series C", "$80M"}
    };
    int roundCount = 2 + r.nextInt(3);
    for (int i = 0; i < roundCount; i++) {
      rounds.add(
          new Round(
              stages[i][0],
              stages[i][1],
              investorPool.get(i * 2),
              List.of(
                  investorPool.get(i * 2 + 1),
                  investorPool.get((i * 2 + 2) % investorPool.size()))));
    }
    LinkedHashSet<String> investors = new LinkedHashSet<>();
    rounds.forEach(
        x -> {
          investors.add(x.lead());
          investors.addAll(x.others());
        });

    String email = "hello@" + host;
    String phone = "+1 555 0" + (100 + r.nextInt(900));
    Office hq = offices.get(0);

    Pages pages = new Pages(name);
    pages.add(
        "/",
        name,
        "<h1>"
            + name
            + "</h1><p>Welcome to "
            + name
            + ". "
            + tagline
            + ".</p><p>"
            + name
            + " builds "
            + industry.name()
            + " software for "
            + industry.audience()
            + ".</p><ul><li><a href=\"/team\">Meet the team</a></li>"
            + "<li><a href=\"/products\">See our products</a></li>"
            + "<li><a href=\"/customers\">Read our customers' stories</a></li></ul>");
    pages.add(
        "/about",
        "About",
        "<h1>About "
            + name
            + "</h1><p>"
            + name
            + " was founded in "
            + founded
            + " and is headquartered in "
            + hq.place()
            + ".</p><p>Today the company employs "
            + employees
            + " people across "
            + offices.size()
            + " offices.</p><p>"
            + name
            + " is backed by "
            + and(List.copyOf(investors))
            + ".</p><p>"
            + name
            + " builds "
            + industry.name()
            + " software for "
            + industry.audience()
            + ".</p>");

    StringBuilder team =
        new StringBuilder("<h1>Team</h1><p>Meet the people behind " + name + ".</p><ul>");
    for (Staff s : staff) {
      team.append(li("/team/" + slugOf(s.name()), s.name(), " — " + s.title()));
      pages.add(
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
    pages.add("/team", "Team", team + "</ul>");

    StringBuilder productList = new StringBuilder("<h1>Products</h1><ul>");
    for (Offering p : products) {
      productList.append(li("/products/" + slugOf(p.name()), p.name(), " — " + p.summary()));
      List<Client> users = clients.stream().filter(c -> c.product() == p).limit(2).toList();
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
      pages.add(
          "/products/" + slugOf(p.name()),
          p.name(),
          "<h1>"
              + p.name()
              + "</h1><p>"
              + p.name()
              + " is "
              + p.summary()
              + ".</p><p>Pricing starts at "
              + p.price()
              + " per month.</p>"
              + used);
    }
    pages.add("/products", "Products", productList + "</ul>");

    StringBuilder clientList =
        new StringBuilder("<h1>Customers</h1><p>Companies that rely on " + name + ".</p><ul>");
    for (Client c : clients) {
      clientList.append(li("/customers/" + slugOf(c.name()), c.name(), " (" + c.sector() + ")"));
      pages.add(
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
              + industry.goal()
              + ".</p><p>“"
              + c.quote()
              + "”, says "
              + c.contact()
              + ", Head of Operations at "
              + c.name()
              + ".</p>");
    }
    pages.add("/customers", "Customers", clientList + "</ul>");

    StringBuilder officeList = new StringBuilder("<h1>Offices</h1><ul>");
    for (Office o : offices) {
      officeList.append(li("/offices/" + o.slug(), o.place(), o == hq ? " (headquarters)" : ""));
      long here = staff.stream().filter(s -> s.office() == o).count();
      pages.add(
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
    pages.add("/offices", "Offices", officeList + "</ul>");

    StringBuilder blog = new StringBuilder("<h1>Blog</h1><ul>");
    for (Post p : posts) {
      blog.append(li("/blog/" + slugOf(p.title()), p.title(), ""));
      StringBuilder body = new StringBuilder("<h1>" + p.title() + "</h1>");
      for (String[] u : p.uses()) {
        body.append("<p>We use ").append(u[0]).append(" for ").append(u[1]).append(".</p>");
      }
      body.append("<p>This post explains what we learned along the way, and what we would do")
          .append(" differently next time.</p>");
      pages.add("/blog/" + slugOf(p.title()), p.title(), body.toString());
    }
    pages.add("/blog", "Blog", blog + "</ul>");

    StringBuilder press = new StringBuilder("<h1>Press</h1><ul>");
    List<String[]> releases = new ArrayList<>();
    for (Round x : rounds) {
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
    for (Offering p : products.subList(0, 2)) {
      releases.add(
          new String[] {
            name + " launches " + p.name(),
            "<p>"
                + p.name()
                + " is "
                + p.summary()
                + ".</p><p>Pricing starts at "
                + p.price()
                + " per month.</p>"
          });
    }
    for (Office o : offices.subList(1, Math.min(3, offices.size()))) {
      releases.add(
          new String[] {
            name + " opens an office in " + o.city(),
            "<p>Our office in " + o.place() + " opened in " + o.opened() + ".</p>"
          });
    }
    for (String[] rel : releases) {
      press.append(li("/press/" + slugOf(rel[0]), rel[0], ""));
      pages.add("/press/" + slugOf(rel[0]), rel[0], "<h1>" + rel[0] + "</h1>" + rel[1]);
    }
    pages.add("/press", "Press", press + "</ul>");

    StringBuilder careers =
        new StringBuilder(
            "<h1>Careers</h1><p>We are " + employees + " people and growing. Open roles:</p><ul>");
    Set<String> jobSlugs = new HashSet<>();
    for (Job j : jobs) {
      String title = j.role() + ", " + j.office().city();
      String slug = slugOf(title);
      for (int k = 2; !jobSlugs.add(slug); k++) {
        slug = slugOf(title) + "-" + k;
      }
      careers.append(li("/careers/" + slug, title, ""));
      pages.add(
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
    pages.add("/careers", "Careers", careers + "</ul>");
    pages.add(
        "/contact",
        "Contact",
        "<h1>Contact</h1><p>Write to us at "
            + email
            + " or call "
            + phone
            + ".</p><p>Our headquarters: "
            + hq.street()
            + ", "
            + hq.place()
            + ".</p>");

    LinkedHashSet<String> usedTech = new LinkedHashSet<>();
    posts.forEach(p -> p.uses().forEach(u -> usedTech.add(u[0])));
    jobs.forEach(j -> usedTech.addAll(j.tech()));
    CompanyFacts facts =
        new CompanyFacts(
            name,
            tagline,
            founded,
            hq.place(),
            employees,
            email,
            phone,
            staff.stream().map(s -> new Person(s.name(), s.title())).toList(),
            products.stream().map(p -> new Product(p.name(), p.summary(), p.price())).toList(),
            clients.stream().map(Client::name).toList(),
            offices.stream().map(Office::place).toList(),
            List.copyOf(investors),
            List.copyOf(usedTech));
    return new Generated(host, Collections.unmodifiableSortedMap(pages.all), facts);
  }

  /** Pages with the site's navigation and footer around their content. */
  private static final class Pages {
    private final String company;
    private final SortedMap<String, String> all = new TreeMap<>();

    Pages(String company) {
      this.company = company;
    }

    void add(String path, String title, String main) {
      if (all.containsKey(path)) {
        throw new IllegalStateException("two pages at " + path);
      }
      all.put(
          path,
          "<!doctype html><html><head><meta charset=\"utf-8\"><title>"
              + Html.escape(title.equals(company) ? company : title + " — " + company)
              + "</title></head><body><nav><a href=\"/\">Home</a> <a href=\"/about\">About</a>"
              + " <a href=\"/team\">Team</a> <a href=\"/products\">Products</a>"
              + " <a href=\"/customers\">Customers</a> <a href=\"/offices\">Offices</a>"
              + " <a href=\"/blog\">Blog</a> <a href=\"/press\">Press</a>"
              + " <a href=\"/careers\">Careers</a> <a href=\"/contact\">Contact</a></nav><main>"
              + main
              + "</main><footer>© "
              + Html.escape(company)
              + "</footer></body></html>");
    }
  }

  /** The company's name from its host: {@code northwind-robotics.example} → Northwind Robotics. */
  static String nameOf(String host) {
    String label = host.toLowerCase(Locale.ROOT).split("\\.")[0];
    StringBuilder sb = new StringBuilder();
    for (String w : label.split("[-_]+")) {
      if (!w.isEmpty()) {
        sb.append(sb.isEmpty() ? "" : " ")
            .append(Character.toUpperCase(w.charAt(0)))
            .append(w.substring(1));
      }
    }
    return sb.isEmpty() ? "Example" : sb.toString();
  }

  /** FNV-1a over the host's bytes: the same seed on every JVM (unlike String.hashCode's spread). */
  private static long seed(String host) {
    long h = 0xcbf29ce484222325L;
    for (byte b : host.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)) {
      h ^= b;
      h *= 0x100000001b3L;
    }
    return h;
  }

  private static List<String> uniqueNames(SplittableRandom r, int n) {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    while (out.size() < n) {
      out.add(pick(r, Pools.FIRST) + " " + pick(r, Pools.LAST));
    }
    return List.copyOf(out);
  }

  private static <T> T pick(SplittableRandom r, List<T> from) {
    return from.get(r.nextInt(from.size()));
  }

  private static <T> List<T> shuffled(SplittableRandom r, List<T> from) {
    List<T> copy = new ArrayList<>(from);
    for (int i = copy.size() - 1; i > 0; i--) {
      Collections.swap(copy, i, r.nextInt(i + 1));
    }
    return copy;
  }

  static String slugOf(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
  }

  private static String first(String fullName) {
    return fullName.split(" ")[0];
  }

  private static String article(String word) {
    return ("aeiou".indexOf(Character.toLowerCase(word.charAt(0))) >= 0 ? "an " : "a ") + word;
  }

  private static String and(List<String> items) {
    if (items.size() <= 1) {
      return String.join("", items);
    }
    return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.getLast();
  }

  private static String link(String path, String text) {
    return "<a href=\"" + path + "\">" + Html.escape(text) + "</a>";
  }

  private static String li(String path, String text, String after) {
    return "<li>" + link(path, text) + Html.escape(after) + "</li>";
  }
}
