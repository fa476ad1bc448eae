package io.berth.template.internal.parse;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

import io.berth.template.internal.json.JsonPaths;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Finds the explicit tags of a YAML document ({@code !!python/object:os.system}, {@code !custom},
 * {@code !!binary}, and also {@code !!str}) with the path of the node each one is on.
 *
 * <p>Berth refuses every tag: the reader does not keep their meaning (it drops unknown tags,
 * reads {@code !!int abc} and {@code !!null ''} as text, {@code !!binary} as base64 text, a
 * {@code !!set} as a mapping) and the rendered manifests are written without them, so a tagged
 * document would be deployed meaning something else than its author wrote. Quoting a value makes it
 * text, which is what {@code !!str} is used for.
 *
 * <p>Reads the events of the YAML engine that Jackson's YAML module parses with, where tags on keys
 * are seen too. A document that is not valid YAML yields the tags before the error; the parse that
 * follows reports the error.
 */
final class YamlTags {

    private static final String CORE_PREFIX = "tag:yaml.org,2002:";
    private static final int MAX_SHOWN = 100;

    private YamlTags() {
    }

    /** A tag and the JSON path of the node it is on ({@code $} for the document itself). */
    record Tagged(String path, String tag) {

        /** The tag as an author writes it: {@code !!name} for the YAML core tags, otherwise as given. */
        String shown() {
            String text = tag.startsWith(CORE_PREFIX) ? "!!" + tag.substring(CORE_PREFIX.length()) : tag;
            return text.length() > MAX_SHOWN ? text.substring(0, MAX_SHOWN) + "..." : text;
        }
    }

    static List<Tagged> find(String document) {
        List<Tagged> tagged = new ArrayList<>();
        Deque<Frame> open = new ArrayDeque<>();
        try {
            for (Event event : new Parse(LoadSettings.builder().build()).parseString(document)) {
                visit(event, open, tagged);
            }
        } catch (YamlEngineException notYaml) {
            // reported by the parse that follows, with its line
        }
        return tagged;
    }

    private static void visit(Event event, Deque<Frame> open, List<Tagged> tagged) {
        switch (event.getEventId()) {
            case Scalar, Alias -> {
                String path = nodePath(open, event instanceof ScalarEvent scalar ? scalar.getValue() : null);
                tag(event).ifPresent(tag -> tagged.add(new Tagged(path, tag)));
                done(open);
            }
            case MappingStart, SequenceStart -> {
                String path = nodePath(open, null);
                tag(event).ifPresent(tag -> tagged.add(new Tagged(path, tag)));
                open.push(new Frame(path, event.getEventId() == Event.ID.MappingStart));
            }
            case MappingEnd, SequenceEnd -> {
                open.pop();
                done(open);
            }
            default -> {
                // stream and document markers carry no tags
            }
        }
    }

    /**
     * The path of the node that starts now. A key stands for its entry: a tag on a key is reported at
     * the path of the entry it names.
     */
    private static String nodePath(Deque<Frame> open, String scalar) {
        Frame parent = open.peek();
        if (parent == null) {
            return JsonPaths.ROOT;
        }
        if (!parent.mapping) {
            return JsonPaths.index(parent.path, parent.items);
        }
        if (parent.expectingKey) {
            parent.entryPath = scalar != null ? JsonPaths.child(parent.path, scalar) : parent.path;
            return parent.entryPath;
        }
        return parent.entryPath;
    }

    /** A node inside the innermost open collection has ended: the next one is the next item or key. */
    private static void done(Deque<Frame> open) {
        Frame parent = open.peek();
        if (parent == null) {
            return;
        }
        if (parent.mapping) {
            parent.expectingKey = !parent.expectingKey;
        } else {
            parent.items++;
        }
    }

    private static Optional<String> tag(Event event) {
        if (event instanceof ScalarEvent scalar) {
            return scalar.getTag();
        }
        return event instanceof CollectionStartEvent collection ? collection.getTag() : Optional.empty();
    }

    /** An open mapping or sequence: its path, and where its next node goes. */
    private static final class Frame {
        private final String path;
        private final boolean mapping;
        private boolean expectingKey = true;
        private String entryPath;
        private int items;

        Frame(String path, boolean mapping) {
            this.path = path;
            this.mapping = mapping;
            this.entryPath = path;
        }
    }
}
