package dev.spool.client.internal;

import java.util.Objects;
import java.util.Optional;

/**
 * One dispatched server-sent event.
 *
 * @param type the {@code event:} field, or {@code message} when the block had none
 * @param data the {@code data:} lines joined by line feeds
 * @param id the {@code id:} field when this block had one (the stream's last event ID otherwise
 *     carries over, per the SSE spec, but only an id sent with the event vouches for it)
 */
public record SseMessage(String type, String data, Optional<String> id) {
  public SseMessage {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(id, "id");
  }
}
