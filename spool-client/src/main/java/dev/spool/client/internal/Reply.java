package dev.spool.client.internal;

import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;

/** A complete answer to a plain (non-streaming) request, with the request it answers. */
public record Reply(HttpRequest request, int status, HttpHeaders headers, String body) {
  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }
}
