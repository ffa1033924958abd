package dev.spool.cli.internal;

import dev.spool.server.ApiKeys;
import dev.spool.store.ApiKey;
import dev.spool.store.Store;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code spool keys}: API keys for {@code spool api}. */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = "Create, list and revoke API keys (the store keeps only their SHA-256).",
    subcommands = {KeysCommand.Create.class, KeysCommand.List.class, KeysCommand.Revoke.class})
public final class KeysCommand implements Callable<Integer> {
  @ParentCommand CliContext cli;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(cli.io().err());
    return CliException.USAGE;
  }

  /** {@code spool keys create}. */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Create a key; it is shown once.")
  static final class Create implements Callable<Integer> {
    @ParentCommand KeysCommand keys;

    @Option(
        names = "--name",
        required = true,
        paramLabel = "NAME",
        description = "What the key is for.")
    String name;

    @Override
    public Integer call() {
      if (name.isBlank() || name.length() > 200) {
        throw CliException.usage("--name must be 1 to 200 characters");
      }
      try (Store store = Stores.open(keys.cli.storeUri(), false)) {
        ApiKeys.CreatedKey k = ApiKeys.create(store.keys(), name, Instant.now());
        keys.cli.io().out().println(k.key());
        keys.cli
            .io()
            .err()
            .println(
                "created key "
                    + k.info().id()
                    + " ('"
                    + name
                    + "'); it is shown only now. Use it as: Authorization: Bearer <key>");
        return 0;
      }
    }
  }

  /** {@code spool keys list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List keys (never their secrets).")
  static final class List implements Callable<Integer> {
    @ParentCommand KeysCommand keys;

    @Override
    public Integer call() {
      try (Store store = Stores.open(keys.cli.storeUri(), true)) {
        java.util.List<ApiKey> all = store.keys().apiKeys();
        var out = keys.cli.io().out();
        out.printf("%-14s %-8s %-21s %s%n", "ID", "STATE", "CREATED", "NAME");
        for (ApiKey k : all) {
          out.printf(
              "%-14s %-8s %-21s %s%n",
              k.id(), k.active() ? "active" : "revoked", k.createdAt().toString(), k.name());
        }
        return 0;
      }
    }
  }

  /** {@code spool keys revoke}. */
  @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a key at once.")
  static final class Revoke implements Callable<Integer> {
    @ParentCommand KeysCommand keys;

    @Parameters(index = "0", paramLabel = "ID", description = "Key id (see: spool keys list).")
    String id;

    @Override
    public Integer call() {
      try (Store store = Stores.open(keys.cli.storeUri(), true)) {
        if (!store.keys().revokeApiKey(id, Instant.now())) {
          throw CliException.usage("no active API key " + id + " (see: spool keys list)");
        }
        keys.cli.io().out().println("revoked key " + id);
        return 0;
      }
    }
  }
}
