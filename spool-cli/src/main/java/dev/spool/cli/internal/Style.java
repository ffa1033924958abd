package dev.spool.cli.internal;

/** ANSI colours for human output, or none when off (pipes, {@code NO_COLOR}). */
final class Style {
  private final boolean on;

  Style(boolean on) {
    this.on = on;
  }

  String green(String s) {
    return paint("32", s);
  }

  String red(String s) {
    return paint("31", s);
  }

  String yellow(String s) {
    return paint("33", s);
  }

  String cyan(String s) {
    return paint("36", s);
  }

  String dim(String s) {
    return paint("2", s);
  }

  String bold(String s) {
    return paint("1", s);
  }

  /** Colours a run status the way every table and header shows it. */
  String status(String wireName) {
    return switch (wireName) {
      case "completed" -> green(wireName);
      case "failed" -> red(wireName);
      case "cancelled" -> dim(wireName);
      case "waiting" -> yellow(wireName);
      case "running" -> cyan(wireName);
      default -> wireName;
    };
  }

  private String paint(String code, String s) {
    return on ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
  }
}
