package dev.spool.store;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeSet;

/** Opens a {@link Store} from a store URI such as {@code sqlite:.spool/spool.db}. */
public final class RunStores {
  private RunStores() {}

  /**
   * Opens the store a URI names.
   *
   * @throws StoreException naming the problem when the URI is malformed, its scheme unknown, or
   *     (with {@code mustExist}) the store is missing
   */
  public static Store open(String uri, boolean mustExist) {
    int colon = uri.indexOf(':');
    if (colon <= 0) {
      throw new StoreException(
          "bad store URI '" + uri + "': expected scheme:location, for example sqlite:spool.db");
    }
    String scheme = uri.substring(0, colon);
    List<String> known = new ArrayList<>();
    for (RunStoreProvider p : ServiceLoader.load(RunStoreProvider.class)) {
      if (p.schemes().contains(scheme)) {
        return p.open(uri, mustExist);
      }
      known.addAll(p.schemes());
    }
    throw new StoreException(
        "bad store URI '"
            + uri
            + "': unknown scheme '"
            + scheme
            + "' (known: "
            + String.join(", ", new TreeSet<>(known))
            + ")");
  }
}
