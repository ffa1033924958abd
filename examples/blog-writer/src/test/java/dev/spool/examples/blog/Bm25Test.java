package dev.spool.examples.blog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class Bm25Test {
  @Test
  void foldsCaseStopWordsAndCommonEndings() {
    assertThat(Bm25.terms("The Retries of streaming Tokens, and checkpointed steps"))
        .containsExactly("retry", "stream", "token", "checkpoint", "step");
  }

  @Test
  void aRareTermOutweighsACommonOneAndATitleOutweighsABody() {
    Bm25 index =
        new Bm25(
            List.<String[]>of(
                new String[] {"Workers", "workers heartbeat leases workers"},
                new String[] {"Leases", "a worker holds a lease"},
                new String[] {"Queues", "workers take work from queues"},
                new String[] {"Fencing", "a token fences off zombie workers"}));

    assertThat(index.search("zombie workers", 4).get(0).doc()).isEqualTo(3);
    assertThat(index.search("lease", 4).get(0).doc()).isEqualTo(1);
    assertThat(index.search("nothing here", 4)).isEmpty();
  }
}
