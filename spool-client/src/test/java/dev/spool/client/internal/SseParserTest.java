package dev.spool.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spool.client.SpoolClientException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SseParserTest {

  private static List<SseMessage> parse(String text) throws IOException {
    return parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<SseMessage> parse(InputStream in) throws IOException {
    SseParser p = new SseParser(in, 1 << 20);
    List<SseMessage> out = new ArrayList<>();
    for (Optional<SseMessage> m = p.next(); m.isPresent(); m = p.next()) {
      out.add(m.get());
    }
    return out;
  }

  private static SseMessage msg(String type, String data, String id) {
    return new SseMessage(type, data, Optional.ofNullable(id));
  }

  @Test
  void readsWhatTheServerWrites() throws IOException {
    String stream =
        "retry: 1000\n\n"
            + "id: 1\nevent: run.queued\ndata: {\"seq\":1}\n\n"
            + ": keep-alive\n\n"
            + "id: 2\nevent: run.started\ndata: {\"seq\":2}\n\n";

    assertThat(parse(stream))
        .containsExactly(
            msg("run.queued", "{\"seq\":1}", "1"), msg("run.started", "{\"seq\":2}", "2"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\n", "\r\n", "\r"})
  void everyLineEndWorks(String eol) throws IOException {
    String stream = String.join(eol, "id: 7", "event: e", "data: a", "data: b", "", "data: c", "");
    stream += eol;

    assertThat(parse(stream)).containsExactly(msg("e", "a\nb", "7"), msg("message", "c", null));
  }

  @Test
  void mixedLineEndsInOneStream() throws IOException {
    assertThat(parse("data: a\r\ndata: b\rdata: c\n\r\ndata: d\r\r"))
        .containsExactly(msg("message", "a\nb\nc", null), msg("message", "d", null));
  }

  @Test
  void crlfSplitAcrossReadsIsOneLineEnd() throws IOException {
    byte[] bytes = "data: a\r\n\r\ndata: b\r\n\r\n".getBytes(StandardCharsets.UTF_8);

    // One byte per read puts every CR and its LF in different reads.
    assertThat(parse(new Trickle(bytes, new Random(1), 1)))
        .containsExactly(msg("message", "a", null), msg("message", "b", null));
  }

  @Test
  void anySplitOfTheBytesGivesTheSameEvents() throws IOException {
    String stream =
        "\uFEFFretry: 250\r\n: hello\r\n\r\nid: 1\r\nevent: step.completed\r\ndata: {\"t\":\"é€😀\"}"
            + "\r\n\r\nid: 2\ndata: x\ndata\ndata:  two spaces\n\nevent: a\rdata:\r\r";
    byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
    List<SseMessage> whole = parse(new ByteArrayInputStream(bytes));

    assertThat(whole)
        .containsExactly(
            msg("step.completed", "{\"t\":\"é€😀\"}", "1"),
            msg("message", "x\n\n two spaces", "2"),
            msg("a", "", null));
    for (int seed = 0; seed < 200; seed++) {
      assertThat(parse(new Trickle(bytes, new Random(seed), 5))).isEqualTo(whole);
    }
  }

  @Test
  void commentsAndBlocksWithoutDataDispatchNothing() throws IOException {
    assertThat(parse(": keep-alive\n\n:\n\nevent: x\n\nid: 5\n\nretry: 10\n\n")).isEmpty();
  }

  @Test
  void aTypeOrIdWithoutDataDoesNotLeakIntoTheNextEvent() throws IOException {
    assertThat(parse("event: x\nid: 5\n\ndata: d\n\n")).containsExactly(msg("message", "d", null));
  }

  @Test
  void lastEventIdCarriesOverButOnlyAnEventsOwnIdVouchesForIt() throws IOException {
    SseParser p = new SseParser(bytes("id: 3\ndata: a\n\ndata: b\n\n"), 1024);

    assertThat(p.next()).contains(msg("message", "a", "3"));
    assertThat(p.next()).contains(msg("message", "b", null));
    assertThat(p.lastEventId()).isEqualTo("3");
  }

  @Test
  void anIdWithNulIsIgnored() throws IOException {
    SseParser p = new SseParser(bytes("id: 1\ndata: a\n\nid: 2\0x\ndata: b\n\n"), 1024);

    p.next();
    assertThat(p.next()).contains(msg("message", "b", null));
    assertThat(p.lastEventId()).isEqualTo("1");
  }

  @Test
  void retryTakesDigitsOnly() throws IOException {
    SseParser p = new SseParser(bytes("retry: 1500\n\nretry: 15x\n\nretry:\n\ndata: a\n\n"), 1024);

    p.next();
    assertThat(p.retryMillis()).hasValue(1500);
  }

  @Test
  void onlyOneSpaceAfterTheColonIsDropped() throws IOException {
    assertThat(parse("data:x\n\ndata:  y\n\nevent:t\ndata: z \n\n"))
        .containsExactly(
            msg("message", "x", null), msg("message", " y", null), msg("t", "z ", null));
  }

  @Test
  void unknownFieldsAreIgnored() throws IOException {
    assertThat(parse("foo: bar\ndata: a\nDATA: b\n\n")).containsExactly(msg("message", "a", null));
  }

  @Test
  void anUnfinishedEventAtTheEndIsDiscarded() throws IOException {
    assertThat(parse("data: a\n\ndata: b\n")).containsExactly(msg("message", "a", null));
    assertThat(parse("data: a\n\ndata: b")).containsExactly(msg("message", "a", null));
  }

  @Test
  void invalidUtf8BecomesReplacementCharacters() throws IOException {
    byte[] bytes = {'d', 'a', 't', 'a', ':', ' ', (byte) 0xff, 'x', '\n', '\n'};

    assertThat(parse(new ByteArrayInputStream(bytes)))
        .containsExactly(msg("message", "\uFFFDx", null));
  }

  @Test
  void aLineLongerThanTheLimitFailsLoudly() {
    SseParser p = new SseParser(bytes("data: " + "x".repeat(100) + "\n\n"), 64);

    assertThatThrownBy(p::next)
        .isInstanceOf(SpoolClientException.class)
        .hasMessageContaining("longer than 64 bytes");
  }

  @Test
  void aLineExactlyAtTheLimitIsFine() throws IOException {
    String line = "data: " + "x".repeat(58);
    SseParser p = new SseParser(bytes(line + "\n\n"), 64);

    assertThat(p.next()).contains(msg("message", "x".repeat(58), null));
  }

  private static InputStream bytes(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  /** Hands out the bytes in reads of random small sizes, as a network does. */
  static final class Trickle extends InputStream {
    private final byte[] bytes;
    private final Random random;
    private final int maxChunk;
    private int pos;

    Trickle(byte[] bytes, Random random, int maxChunk) {
      this.bytes = bytes;
      this.random = random;
      this.maxChunk = maxChunk;
    }

    @Override
    public int read() {
      return pos < bytes.length ? bytes[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (pos >= bytes.length) {
        return -1;
      }
      int n = Math.min(Math.min(len, 1 + random.nextInt(maxChunk)), bytes.length - pos);
      System.arraycopy(bytes, pos, b, off, n);
      pos += n;
      return n;
    }
  }
}
