package io.berth.server.web;

import java.util.List;
import java.util.function.Function;

/**
 * The one shape of every list in the API.
 *
 * @param nextCursor pass as {@code cursor} to get the next page; null on the last page
 */
public record ListResponse<T>(List<T> items, String nextCursor) {

    /**
     * A page from a read of one item more than asked for: that extra item only says that a next page
     * exists, and the cursor of the next page wraps the sort key of the page's last item.
     *
     * @param fetched up to {@code limit + 1} items in list order
     * @param keyOf   the sort key of an item, as the next read takes it from the cursor
     */
    public static <T> ListResponse<T> ofOneMore(List<T> fetched, int limit, Function<T, String> keyOf) {
        if (fetched.size() <= limit) {
            return new ListResponse<>(List.copyOf(fetched), null);
        }
        List<T> items = List.copyOf(fetched.subList(0, limit));
        return new ListResponse<>(items, Cursors.encode(keyOf.apply(items.get(limit - 1))));
    }
}
