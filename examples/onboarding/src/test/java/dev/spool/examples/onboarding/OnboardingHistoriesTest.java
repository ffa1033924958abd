package dev.spool.examples.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spool.examples.common.WebPage;
import dev.spool.llm.Llm;
import dev.spool.testkit.ReplayResult;
import dev.spool.testkit.ReplayTester;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The onboarding histories kept under {@code src/test/resources/histories} (recorded with {@code
 * ./spool run onboarding} and {@code spool runs export}) replay on today's code without a page
 * fetched or a model asked: what CI checks before a release of the onboarding workflow.
 */
class OnboardingHistoriesTest {
  @Test
  void everyKeptHistoryReplaysWithoutFetchingOrExtractingAgain() {
    Onboarding offlineParts = new Onboarding(OnboardingHistoriesTest::noModel, this::noFetch);

    var results =
        ReplayTester.of(offlineParts.workflow()).replayAll(Path.of("src/test/resources/histories"));

    assertThat(results).isNotEmpty().allSatisfy(ReplayResult::assertMatches);
  }

  private static Llm noModel() {
    throw new AssertionError("a replay must not call the model");
  }

  private WebPage noFetch(String url) {
    throw new AssertionError("a replay must not fetch " + url);
  }
}
