package io.berth.server.web;

import java.util.List;

/**
 * The one shape of every list in the API.
 *
 * @param nextCursor pass as {@code cursor} to get the next page; null on the last page
 */
public record ListResponse<T>(List<T> items, String nextCursor) {
}
