package dev.spool.examples.onboarding;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A made-up company, drawn from {@link Pools} with a random seeded by its host: the model that
 * {@link CompanyPages} writes a site about and {@link #facts()} summarises.
 */
record Company(
    String host,
    String name,
    Pools.Industry industry,
    String tagline,
    int founded,
    List<Office> offices,
    List<Staff> staff,
    int employees,
    List<Offering> products,
    List<Client> clients,
    List<Post> posts,
    List<Job> jobs,
    List<Round> rounds,
    String phone) {

  record Office(String city, String country, String street, int opened, int people) {
    String place() {
      return city + ", " + country;
    }

    String slug() {
      return CompanySite.slugOf(city);
    }
  }

  record Staff(String name, String title, Office office, int years, String previous) {}

  record Offering(String name, String summary, String price) {}

  record Client(
      String name, String sector, String city, Offering product, String quote, String contact) {}

  record Round(String round, String amount, String lead, List<String> others) {}

  /** A blog post; each use is a technology and what it is used for. */
  record Post(String title, List<String[]> uses) {}

  record Job(String role, Office office, List<String> tech) {}

  Office headquarters() {
    return offices.getFirst();
  }

  String email() {
    return "hello@" + host;
  }

  /** Every round's investors, lead first, in the order of the rounds. */
  List<String> investors() {
    LinkedHashSet<String> investors = new LinkedHashSet<>();
    rounds.forEach(
        x -> {
          investors.add(x.lead());
          investors.addAll(x.others());
        });
    return List.copyOf(investors);
  }

  /** What the company's site states. */
  CompanyFacts facts() {
    LinkedHashSet<String> usedTech = new LinkedHashSet<>();
    posts.forEach(p -> p.uses().forEach(u -> usedTech.add(u[0])));
    jobs.forEach(j -> usedTech.addAll(j.tech()));
    return new CompanyFacts(
        name,
        tagline,
        founded,
        headquarters().place(),
        employees,
        email(),
        phone,
        staff.stream().map(s -> new Person(s.name(), s.title())).toList(),
        products.stream().map(p -> new Product(p.name(), p.summary(), p.price())).toList(),
        clients.stream().map(Client::name).toList(),
        offices.stream().map(Office::place).toList(),
        investors(),
        List.copyOf(usedTech));
  }

  /** The company of {@code host}; the order of the draws is what keeps every site unchanged. */
  static Company draw(String host) {
    SplittableRandom r = new SplittableRandom(seed(host));
    String name = CompanySite.nameOf(host);
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
    // The bound is drawn again on every iteration; kept so that every site stays as it was.
    for (int i = 0; i < 8 + r.nextInt(5); i++) {
      String summary =
          Prose.article(pick(r, Pools.ADJECTIVES))
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
    List<Post> posts = posts(r, tech);

    List<Job> jobs = new ArrayList<>();
    for (int i = 0; i < 8 + r.nextInt(5); i++) {
      List<String> stack = shuffled(r, tech).subList(0, 3);
      jobs.add(new Job(pick(r, Pools.ROLES), pick(r, offices), stack));
    }

    List<Round> rounds = rounds(r);
    String phone = "+1 555 0" + (100 + r.nextInt(900));
    return new Company(
        host,
        name,
        industry,
        tagline,
        founded,
        List.copyOf(offices),
        List.copyOf(staff),
        employees,
        List.copyOf(products),
        List.copyOf(clients),
        posts,
        List.copyOf(jobs),
        rounds,
        phone);
  }

  private static List<Post> posts(SplittableRandom r, List<String> tech) {
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
    return List.copyOf(posts);
  }

  private static List<Round> rounds(SplittableRandom r) {
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
    return List.copyOf(rounds);
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
}
