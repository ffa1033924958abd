package dev.spool.cli.internal;

import dev.spool.Spool;
import dev.spool.Workflow;
import dev.spool.WorkflowProvider;
import dev.spool.WorkflowRegistry;
import dev.spool.builtin.Builtins;
import dev.spool.store.RunStores;
import dev.spool.store.Store;
import dev.spool.store.StoreException;
import dev.spool.store.StoreUnavailableException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/** Opens stores and builds the runtime the way every command does. */
final class Stores {
  private Stores() {}

  /**
   * Opens a store; a bad URI or a missing store (with {@code mustExist}) is a usage error.
   *
   * @param mustExist true for commands that only read, so they never create an empty store
   */
  static Store open(String uri, boolean mustExist) {
    try {
      return RunStores.open(uri, mustExist);
    } catch (StoreException e) {
      throw new CliException(CliException.USAGE, Text.firstLine(e.getMessage()), e);
    }
  }

  /**
   * Opens a store for a long-running process ({@code spool worker}, {@code spool api}): while the
   * store cannot be reached (its server is down or still starting), says so on {@code err} and
   * tries again, waiting 0.5 s doubling to 5 s between tries, as a supervised service should; any
   * other failure is a usage error at once.
   */
  static Store openWaiting(String uri, PrintStream err) throws InterruptedException {
    long pauseMillis = 500;
    while (true) {
      try {
        return RunStores.open(uri, false);
      } catch (StoreUnavailableException e) {
        err.printf(
            "spool: %s; trying again in %.1f s%n",
            Text.firstLine(e.getMessage()), pauseMillis / 1e3);
        err.flush();
        Thread.sleep(pauseMillis);
        pauseMillis = Math.min(pauseMillis * 2, 5000);
      } catch (StoreException e) {
        throw new CliException(CliException.USAGE, Text.firstLine(e.getMessage()), e);
      }
    }
  }

  /** The workflows this command line knows, without any store. */
  static WorkflowRegistry registry() {
    WorkflowRegistry registry = new WorkflowRegistry();
    workflows().forEach(registry::register);
    return registry;
  }

  /** The built-in workflows and those of every {@link WorkflowProvider} on the class path. */
  static List<Workflow<?, ?>> workflows() {
    return workflows(Optional.empty());
  }

  /** {@link #workflows()} as built for a process whose runs live in {@code store}. */
  static List<Workflow<?, ?>> workflows(Optional<Store> store) {
    List<Workflow<?, ?>> all = new ArrayList<>(Builtins.all());
    for (WorkflowProvider p : ServiceLoader.load(WorkflowProvider.class)) {
      all.addAll(store.map(p::workflows).orElseGet(p::workflows));
    }
    return all;
  }

  /**
   * A runtime on {@code store} with the built-in workflows, claiming runs of {@code deployment}.
   */
  static Spool spool(Store store, String deployment) {
    return builder(store, deployment).build();
  }

  /** {@link #spool} still open to settings (lease, recoveries). */
  static Spool.Builder builder(Store store, String deployment) {
    return Spool.builder(store)
        .register(workflows(Optional.of(store)).toArray(new Workflow<?, ?>[0]))
        .deployment(deployment);
  }
}
