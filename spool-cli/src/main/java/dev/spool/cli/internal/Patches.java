package dev.spool.cli.internal;

import dev.spool.PatchUsage;
import dev.spool.Spool;
import dev.spool.Workflow;
import dev.spool.store.Store;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The patches table of {@code spool workflows}. */
final class Patches {
  private static final String[] HEADINGS = {
    "PATCH", "WORKFLOW", "SINCE", "NEW", "OLD", "NOT-REACHED", "OLD BRANCH"
  };

  private Patches() {}

  /** Prints the patches the runs in the store decided; nothing when there is no store or none. */
  static void print(Io io, Style style, String storeUri, Collection<Workflow<?, ?>> workflows) {
    List<PatchUsage> all = new ArrayList<>();
    try (Store store = Stores.open(storeUri, true)) {
      Spool spool = Spool.builder(store).build();
      workflows.forEach(w -> all.addAll(spool.patches(w.name())));
    } catch (CliException e) {
      return; // no store yet: no run decided anything
    }
    if (all.isEmpty()) {
      return;
    }
    List<String[]> rows = new ArrayList<>();
    for (PatchUsage p : all) {
      rows.add(
          new String[] {
            p.patch(),
            p.workflow(),
            p.since().toString(),
            Integer.toString(p.newPath()),
            Integer.toString(p.oldPath()),
            Integer.toString(p.notReached()),
            p.oldBranchCanGo()
                ? "can go"
                : "needed by " + p.mayTakeOldPath() + (p.mayTakeOldPath() == 1 ? " run" : " runs")
          });
    }
    io.out().println();
    Table.print(io, style, HEADINGS, rows, -1);
  }
}
