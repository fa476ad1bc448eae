package io.berth.template;

import java.nio.charset.StandardCharsets;

import io.berth.template.internal.json.CanonicalJson;
import io.berth.template.internal.parse.DocumentSplitter;

/**
 * How big a version's content may be: UTF-8 bytes of documents, schema and defaults together, and
 * the number of non-empty YAML documents.
 */
public record ContentLimits(long maxBytes, int maxDocuments) {

    /** 1 MiB and 100 documents. */
    public static final ContentLimits DEFAULT = new ContentLimits(1024 * 1024, 100);

    public ContentLimits {
        if (maxBytes < 1 || maxDocuments < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** @throws ContentTooLargeException when the content passes a limit */
    public void check(SimpleContent content) {
        long bytes = utf8Length(content.documents());
        if (bytes <= maxBytes) {
            bytes += utf8Length(content.parametersSchemaJson());
        }
        if (bytes <= maxBytes && !content.defaults().isEmpty()) {
            bytes += utf8Length(CanonicalJson.write(CanonicalJson.sortedTree(content.defaults())));
        }
        if (bytes > maxBytes) {
            throw new ContentTooLargeException("bytes", bytes, maxBytes);
        }
        int documents = DocumentSplitter.countDocuments(content.documents());
        if (documents > maxDocuments) {
            throw new ContentTooLargeException("documents", documents, maxDocuments);
        }
    }

    private static long utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
