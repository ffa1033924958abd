package dev.spool.examples.onboarding;

import dev.spool.Json;
import dev.spool.examples.common.OfflineModel;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The onboarding example's model when no real one is configured: it reads the page text in the
 * prompt with patterns for the sentences company sites are made of ("X was founded in 2014", "Ana
 * Silva is the CTO at X", "Pricing starts at $49 per month") and answers with the JSON a real model
 * would. Deterministic, fast, and only as clever as its patterns: it knows the sites this example
 * generates, not the web.
 */
public final class OfflineExtractor implements OfflineModel {
  private static final Pattern WELCOME = Pattern.compile("^Welcome to (.+?)\\. (.+?)\\.$");
  private static final Pattern ABOUT = Pattern.compile("^About (.+)$");
  private static final Pattern FOUNDED = Pattern.compile("founded in (\\d{4})");
  private static final Pattern HQ = Pattern.compile("headquartered in ([^.]+)\\.");
  private static final Pattern EMPLOYS = Pattern.compile("employs (\\d+) people");
  private static final Pattern WE_ARE = Pattern.compile("^We are (\\d+) people");
  private static final Pattern BACKED = Pattern.compile("is backed by (.+)\\.$");
  private static final Pattern LED =
      Pattern.compile("led by (.+?), with participation from (.+)\\.$");
  private static final Pattern DASH = Pattern.compile("^(.+?) — (.+)$");
  private static final Pattern IS_THE = Pattern.compile("^(.+?) is the (.+?) at (.+?)\\.$");
  private static final Pattern IS_A = Pattern.compile("^(.+?) is (an? .+?)\\.$");
  private static final Pattern PRICE = Pattern.compile("Pricing starts at (\\S+) per month");
  private static final Pattern TEAMS_AT = Pattern.compile("^Teams at (.+?) use ");
  private static final Pattern SECTOR = Pattern.compile("^(.+?) \\(([a-z ]+)\\)$");
  private static final Pattern CASE = Pattern.compile("^(.+?), an? [a-z ]+ company based in ");
  private static final Pattern OFFICE_LINE =
      Pattern.compile("^([^,]+, [^(]+?)( \\(headquarters\\))?$");
  private static final Pattern OFFICE = Pattern.compile("Our office in (.+?) opened in ");
  private static final Pattern WE_USE = Pattern.compile("^We use (.+?) for ");
  private static final Pattern WORK_WITH = Pattern.compile("^You will work with (.+)\\.$");
  private static final Pattern EMAIL = Pattern.compile("([\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+)");
  private static final Pattern PHONE = Pattern.compile("call (\\+[\\d ]*\\d)");
  private static final Pattern HQ_ADDRESS =
      Pattern.compile("^Our headquarters: .+, ([^,]+, [^,]+)\\.$");

  @Override
  public String reply(String system, String user) {
    String path = URI.create(field(user, "Page")).getPath();
    int at = user.indexOf("\nText:\n");
    int end = user.indexOf("\n\nExtract the facts");
    String text = at < 0 || end < at ? "" : user.substring(at + 7, end);
    return Json.write(extract(path == null || path.isEmpty() ? "/" : path, text.lines().toList()));
  }

  static PageFacts extract(String path, List<String> lines) {
    String[] parts = path.substring(1).split("/");
    String section = parts[0];
    boolean detail = parts.length > 1;
    Map<String, String> company = new LinkedHashMap<>();
    List<Person> people = new ArrayList<>();
    List<Product> products = new ArrayList<>();
    List<String> customers = new ArrayList<>();
    List<String> offices = new ArrayList<>();
    List<String> investors = new ArrayList<>();
    List<String> tech = new ArrayList<>();
    String price = "";
    for (String line : lines) {
      on(
          WELCOME,
          line,
          m -> {
            company.put("name", m.group(1));
            company.put("tagline", m.group(2));
          });
      on(ABOUT, line, m -> company.put("name", m.group(1)));
      on(FOUNDED, line, m -> company.put("founded", m.group(1)));
      on(HQ, line, m -> company.put("headquarters", m.group(1)));
      on(EMPLOYS, line, m -> company.put("employees", m.group(1)));
      on(WE_ARE, line, m -> company.put("employees", m.group(1)));
      on(BACKED, line, m -> investors.addAll(split(m.group(1))));
      on(
          LED,
          line,
          m -> {
            investors.add(m.group(1));
            investors.addAll(split(m.group(2)));
          });
      on(EMAIL, line, m -> company.put("email", m.group(1)));
      on(PHONE, line, m -> company.put("phone", m.group(1)));
      on(HQ_ADDRESS, line, m -> company.put("headquarters", m.group(1)));
      on(OFFICE, line, m -> offices.add(m.group(1)));
      on(WE_USE, line, m -> tech.add(m.group(1)));
      on(WORK_WITH, line, m -> tech.addAll(split(m.group(1))));
      on(TEAMS_AT, line, m -> customers.addAll(split(m.group(1))));
      on(CASE, line, m -> customers.add(m.group(1)));
      on(
          IS_THE,
          line,
          m -> {
            people.add(new Person(m.group(1), m.group(2)));
            company.put("name", m.group(3));
          });
      Matcher price1 = PRICE.matcher(line);
      if (price1.find()) {
        price = price1.group(1);
      }
      if (section.equals("products") || section.equals("press")) {
        on(IS_A, line, m -> products.add(new Product(m.group(1), m.group(2), "")));
      }
      if (!detail && section.equals("team")) {
        on(DASH, line, m -> people.add(new Person(m.group(1), m.group(2))));
      }
      if (!detail && section.equals("products")) {
        on(DASH, line, m -> products.add(new Product(m.group(1), m.group(2), "")));
      }
      if (!detail && section.equals("customers")) {
        on(SECTOR, line, m -> customers.add(m.group(1)));
      }
      if (!detail && section.equals("offices")) {
        Matcher m = OFFICE_LINE.matcher(line);
        if (m.matches() && !line.equals("Offices")) {
          offices.add(m.group(1));
          if (m.group(2) != null) {
            company.put("headquarters", m.group(1));
          }
        }
      }
    }
    if (!price.isEmpty() && products.size() == 1) {
      Product p = products.get(0);
      products.set(0, new Product(p.name(), p.summary(), price));
    }
    return new PageFacts(
        type(section, detail), company, people, products, customers, offices, investors, tech);
  }

  private static String type(String section, boolean detail) {
    return switch (section) {
      case "" -> "home";
      case "about" -> "about";
      case "team" -> detail ? "person" : "team";
      case "products" -> detail ? "product" : "products";
      case "customers" -> detail ? "customer" : "customers";
      case "offices" -> detail ? "office" : "offices";
      case "blog" -> detail ? "post" : "blog";
      case "press" -> detail ? "release" : "press";
      case "careers" -> detail ? "job" : "careers";
      case "contact" -> "contact";
      default -> "other";
    };
  }

  private static void on(Pattern p, String line, Consumer<Matcher> then) {
    Matcher m = p.matcher(line);
    if (m.find()) {
      then.accept(m);
    }
  }

  /** "A, B and C" → [A, B, C]. */
  private static List<String> split(String list) {
    List<String> out = new ArrayList<>();
    for (String part : list.split(",\\s*|\\s+and\\s+")) {
      if (!part.isBlank()) {
        out.add(part.strip());
      }
    }
    return out;
  }

  private static String field(String text, String name) {
    Matcher m =
        Pattern.compile("^" + Pattern.quote(name) + ": (.*)$", Pattern.MULTILINE).matcher(text);
    return m.find() ? m.group(1).strip() : "";
  }
}
