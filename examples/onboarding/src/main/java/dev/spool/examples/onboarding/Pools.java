package dev.spool.examples.onboarding;

import java.util.List;

/** The words generated company sites are made of. */
final class Pools {
  private Pools() {}

  static final List<String> FIRST =
      List.of(
          "Ana", "Bruno", "Chloe", "Daniel", "Elena", "Farah", "Gabriel", "Hana", "Ivan", "Julia",
          "Kofi", "Leila", "Marco", "Nadia", "Oscar", "Priya", "Quentin", "Rosa", "Samir", "Tara",
          "Umar", "Vera", "William", "Xin", "Yusuf", "Zoe", "Amara", "Bjorn", "Carmen", "Diego",
          "Esther", "Felix", "Grace", "Hugo", "Ines", "Jonas", "Kaito", "Lucia", "Mateo", "Nora",
          "Olga", "Pablo", "Rhea", "Sven", "Tomas", "Uma", "Victor", "Wanjiru", "Yara", "Zain");

  static final List<String> LAST =
      List.of(
          "Silva",
          "Okafor",
          "Nakamura",
          "Schneider",
          "Haddad",
          "Kowalski",
          "Mensah",
          "Larsen",
          "Moreau",
          "Rossi",
          "Petrov",
          "Fernandes",
          "Osei",
          "Lindqvist",
          "Tanaka",
          "Novak",
          "Costa",
          "Ibrahim",
          "Keller",
          "Duarte",
          "Achebe",
          "Sato",
          "Berg",
          "Quintero",
          "Varga",
          "Murphy",
          "Chen",
          "Patel",
          "Eriksen",
          "Alvarez",
          "Kim",
          "Dubois",
          "Romero",
          "Hansen",
          "Mwangi",
          "Ortiz",
          "Yilmaz",
          "Fischer",
          "Santos",
          "Virtanen",
          "Mueller",
          "Gomez",
          "Abebe",
          "Lopez",
          "Nguyen",
          "Jensen",
          "Bianchi",
          "Kaur",
          "Walsh",
          "Tamm");

  static final List<String> LEADERS =
      List.of(
          "Chief Executive Officer",
          "Chief Technology Officer",
          "Chief Operating Officer",
          "Chief Financial Officer",
          "VP of Engineering",
          "VP of Sales",
          "Head of Design",
          "Head of People");

  static final List<String> ROLES =
      List.of(
          "Staff Engineer",
          "Senior Software Engineer",
          "Software Engineer",
          "Product Manager",
          "Data Scientist",
          "Account Executive",
          "Customer Success Manager",
          "Site Reliability Engineer",
          "Product Designer",
          "Technical Writer",
          "Solutions Architect",
          "Recruiter",
          "Marketing Manager",
          "Security Engineer",
          "Support Engineer");

  /** City, country, street. */
  static final List<String[]> CITIES =
      List.of(
          new String[] {"Lisbon", "Portugal", "Rua do Ouro 120"},
          new String[] {"Berlin", "Germany", "Torstrasse 33"},
          new String[] {"Toronto", "Canada", "200 King Street West"},
          new String[] {"Austin", "United States", "501 Congress Avenue"},
          new String[] {"Singapore", "Singapore", "8 Marina View"},
          new String[] {"Nairobi", "Kenya", "14 Riverside Drive"},
          new String[] {"Melbourne", "Australia", "90 Collins Street"},
          new String[] {"Dublin", "Ireland", "3 Grand Canal Quay"},
          new String[] {"Tallinn", "Estonia", "Narva mnt 5"},
          new String[] {"Sao Paulo", "Brazil", "Avenida Paulista 1000"},
          new String[] {"Bangalore", "India", "24 MG Road"},
          new String[] {"Copenhagen", "Denmark", "Nyhavn 17"},
          new String[] {"Seattle", "United States", "1201 Third Avenue"},
          new String[] {"Warsaw", "Poland", "ul. Prosta 51"},
          new String[] {"Tokyo", "Japan", "2-1 Marunouchi"},
          new String[] {"Madrid", "Spain", "Calle de Alcala 44"},
          new String[] {"Amsterdam", "Netherlands", "Herengracht 182"},
          new String[] {"Cape Town", "South Africa", "1 Dock Road"});

  /** An industry: what the company does, for whom, its products' names and its taglines. */
  record Industry(
      String name, String audience, List<String> products, List<String> taglines, String goal) {}

  static final List<Industry> INDUSTRIES =
      List.of(
          new Industry(
              "logistics",
              "warehouse operators",
              List.of(
                  "Fleet Console",
                  "Pick Planner",
                  "Dock Scheduler",
                  "Route Optimizer",
                  "Sensor Hub",
                  "Safety Monitor",
                  "Battery Manager",
                  "Inventory Twin",
                  "Yard Tracker",
                  "Labor Forecaster",
                  "Slotting Advisor",
                  "Returns Desk"),
              List.of(
                  "Warehouses that plan ahead",
                  "Every pallet, on time",
                  "Logistics without guesswork"),
              "cut picking errors in half"),
          new Industry(
              "finance",
              "finance teams",
              List.of(
                  "Ledger Sync",
                  "Invoice Flow",
                  "Spend Guard",
                  "Cash Forecast",
                  "Payout Hub",
                  "Audit Trail",
                  "Tax Engine",
                  "Card Manager",
                  "Reconcile",
                  "Expense Desk",
                  "Budget Planner",
                  "Vendor Portal"),
              List.of(
                  "Close the books in a day", "Money that explains itself", "Finance on autopilot"),
              "close its books three days sooner"),
          new Industry(
              "healthcare",
              "clinics and hospitals",
              List.of(
                  "Care Scheduler",
                  "Patient Portal",
                  "Lab Connect",
                  "Rx Tracker",
                  "Triage Assist",
                  "Claims Desk",
                  "Bed Board",
                  "Shift Planner",
                  "Vitals Stream",
                  "Referral Hub",
                  "Consent Vault",
                  "Billing Bridge"),
              List.of(
                  "More time for patients", "Care that runs on time", "Clinics without paperwork"),
              "give nurses an hour back every shift"),
          new Industry(
              "developer tools",
              "software teams",
              List.of(
                  "Build Cache",
                  "Deploy Gate",
                  "Trace View",
                  "Log Lens",
                  "Flag Switch",
                  "Test Grid",
                  "Secret Keeper",
                  "Cost Radar",
                  "Schema Guard",
                  "Incident Desk",
                  "Status Board",
                  "Queue Monitor"),
              List.of("Ship on Fridays", "Production you can see", "Fewer pages at 3 a.m."),
              "ship twice as often with fewer incidents"));

  static final List<String> KINDS =
      List.of(
          "dashboard",
          "planning tool",
          "API",
          "mobile app",
          "analytics suite",
          "workflow engine",
          "monitoring service",
          "scheduling assistant");

  static final List<String> ADJECTIVES =
      List.of("real-time", "self-serve", "collaborative", "lightweight", "secure", "automated");

  static final List<String> CUSTOMER_FIRST =
      List.of(
          "Blue",
          "North",
          "Silver",
          "Granite",
          "Cedar",
          "Summit",
          "Harbor",
          "Maple",
          "Iron",
          "Crescent",
          "Pioneer",
          "Atlas",
          "Lumen",
          "Orchid",
          "Falcon",
          "Coral");

  static final List<String> CUSTOMER_LAST =
      List.of(
          "Logistics",
          "Health",
          "Foods",
          "Retail",
          "Energy",
          "Bank",
          "Labs",
          "Motors",
          "Pharma",
          "Media",
          "Airways",
          "Insurance");

  static final List<String> SECTORS =
      List.of(
          "retail",
          "manufacturing",
          "logistics",
          "banking",
          "insurance",
          "energy",
          "media",
          "pharmaceutical",
          "food",
          "travel");

  static final List<String> PREVIOUS =
      List.of(
          "Globex",
          "Initech",
          "Hooli",
          "Vandelay Industries",
          "Wonka Analytics",
          "Soylent Systems",
          "Tyrell Data",
          "Cyberdyne Software",
          "Aperture Labs",
          "Massive Dynamic");

  static final List<String> TECH =
      List.of(
          "PostgreSQL",
          "Kafka",
          "Kubernetes",
          "Terraform",
          "Java",
          "Kotlin",
          "Go",
          "Python",
          "TypeScript",
          "React",
          "Redis",
          "ClickHouse",
          "Snowflake",
          "dbt",
          "Airflow",
          "gRPC",
          "GraphQL",
          "Elasticsearch",
          "Prometheus",
          "Grafana",
          "OpenTelemetry",
          "Rust",
          "Spark",
          "Flink");

  static final List<String> PURPOSES =
      List.of(
          "our event pipeline",
          "billing",
          "search",
          "internal dashboards",
          "infrastructure as code",
          "the mobile apps",
          "background jobs",
          "metrics and alerting",
          "the public API",
          "data modelling",
          "caching",
          "machine learning features");

  static final List<String> INVESTORS =
      List.of(
          "Granite Peak Ventures",
          "Northstar Capital",
          "Bluebird Partners",
          "Meridian Growth",
          "Oakline Ventures",
          "Seedling Fund",
          "Harborview Capital",
          "Lattice Ventures",
          "Summit Rock Partners",
          "Foundry Lane");

  static final List<String> QUOTES =
      List.of(
          "We could not imagine going back",
          "It paid for itself in the first quarter",
          "Our team finally trusts the numbers",
          "Setup took an afternoon, not a month");
}
