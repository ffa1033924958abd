package dev.spool.store.redis.internal;

import dev.spool.Event;
import dev.spool.RunStatus;
import dev.spool.store.Checkpoint;
import dev.spool.store.Micros;
import dev.spool.store.NewEvent;
import dev.spool.store.RunInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Spool's records to and from what the scripts take and return: run hashes, stream entries,
 * checkpoint fields, and script argument lists.
 */
public final class Codec {
  private Codec() {}

  /** True if a script's answer starts with {@code status}. */
  public static boolean is(List<Object> reply, String status) {
    return !reply.isEmpty() && status.equals(reply.get(0));
  }

  public static String str(List<Object> reply, int i) {
    return (String) reply.get(i);
  }

  /** A flat field/value list (HGETALL) as a map. */
  @SuppressWarnings("unchecked")
  public static Map<String, String> fields(Object flat) {
    List<Object> l = (List<Object>) flat;
    Map<String, String> m = new HashMap<>(l.size());
    for (int i = 0; i + 1 < l.size(); i += 2) {
      m.put((String) l.get(i), (String) l.get(i + 1));
    }
    return m;
  }

  public static RunInfo run(Map<String, String> f) {
    return new RunInfo(
        f.get("id"),
        f.get("wf"),
        f.get("ver"),
        RunStatus.fromWire(f.get("st")),
        f.get("in"),
        Optional.ofNullable(f.get("res")),
        Optional.ofNullable(f.get("err")),
        Micros.parse(f.get("cr")),
        Micros.parseOpt(f.get("sa")),
        Micros.parseOpt(f.get("fa")),
        Long.parseLong(f.get("seq")),
        f.get("dep"),
        Integer.parseInt(f.get("att")),
        Optional.ofNullable(f.get("own")),
        Micros.parseOpt(f.get("hb")),
        Micros.parseOpt(f.get("ra")),
        Optional.ofNullable(f.get("ik")),
        "1".equals(f.get("cx")),
        Integer.parseInt(f.get("rec")));
  }

  /** Events as script arguments: their count, then type, ts, path, attempt, data each. */
  public static void events(List<String> args, List<NewEvent> events) {
    args.add(Integer.toString(events.size()));
    for (NewEvent e : events) {
      args.add(e.type());
      args.add(Micros.str(e.ts()));
      args.add(e.path());
      args.add(Integer.toString(e.attempt()));
      args.add(e.data());
    }
  }

  /** Checkpoints as script arguments: their count, then field and value each. */
  public static void checkpoints(List<String> args, List<Checkpoint> checkpoints) {
    args.add(Integer.toString(checkpoints.size()));
    for (Checkpoint c : checkpoints) {
      args.add(c.path() + '\0' + c.attempt());
      args.add(c.kind().name() + '\0' + Micros.str(c.at()) + '\0' + c.value());
    }
  }

  /** A run's checkpoints hash (HGETALL) as checkpoints, by path then attempt. */
  public static List<Checkpoint> checkpointList(Map<String, String> f) {
    List<Checkpoint> out = new ArrayList<>(f.size());
    f.forEach((k, v) -> out.add(checkpoint(k, v)));
    out.sort(Comparator.comparing(Checkpoint::path).thenComparingInt(Checkpoint::attempt));
    return out;
  }

  public static Checkpoint checkpoint(String field, String value) {
    int f = field.lastIndexOf('\0');
    int a = value.indexOf('\0');
    int b = value.indexOf('\0', a + 1);
    return new Checkpoint(
        field.substring(0, f),
        Integer.parseInt(field.substring(f + 1)),
        Checkpoint.Kind.valueOf(value.substring(0, a)),
        value.substring(b + 1),
        Micros.parse(value.substring(a + 1, b)));
  }

  /** An optional script argument: {@code ""} when absent, {@code "=" + value} when present. */
  public static String opt(Optional<String> v) {
    return v.map(s -> "=" + s).orElse("");
  }

  public static String optInstant(Optional<Instant> v) {
    return opt(v.map(Micros::str));
  }

  /** A stream entry ({@code 0-SEQ} and its fields) as an event. */
  public static Event event(String runId, String entryId, Map<String, String> f) {
    return new Event(
        Long.parseLong(entryId.substring(entryId.indexOf('-') + 1)),
        runId,
        f.get("t"),
        Micros.parse(f.get("ts")),
        f.get("p"),
        Integer.parseInt(f.get("a")),
        f.get("d"));
  }

  /** XRANGE's answer inside a script reply: entries of {@code [id, [field, value, …]]}. */
  @SuppressWarnings("unchecked")
  public static List<Event> entries(String runId, Object reply) {
    List<Event> out = new ArrayList<>();
    for (Object o : (List<Object>) reply) {
      List<Object> entry = (List<Object>) o;
      out.add(event(runId, (String) entry.get(0), fields(entry.get(1))));
    }
    return out;
  }
}
