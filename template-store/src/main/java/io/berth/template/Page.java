package io.berth.template;

import java.util.List;

/**
 * One page of a list ordered by a unique key.
 *
 * @param lastKey the key of the last item when more items may follow, otherwise null
 */
public record Page<T>(List<T> items, String lastKey) {

    public Page {
        items = List.copyOf(items);
    }
}
