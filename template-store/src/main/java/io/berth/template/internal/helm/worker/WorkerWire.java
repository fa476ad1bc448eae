package io.berth.template.internal.helm.worker;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The messages between Berth and a Helm worker, over the worker's stdin and stdout: a magic number,
 * a field count, then each field as a length and UTF-8 bytes. Both sides use this class.
 *
 * <p>The reader takes a byte budget for the fields of one message and checks each length against
 * what is left <em>before</em> reading the field, so a message never takes more memory than its
 * budget, whatever the other side writes. The magic number tells a message from bytes that a native
 * library may have written to stdout on its own.
 */
public final class WorkerWire {

    /** "BHW1": Berth Helm worker, protocol 1. */
    static final int MAGIC = 0x42485731;

    /** More fields than this is not a message of this protocol (lint reports are the longest). */
    static final int MAX_FIELDS = 100_000;

    private WorkerWire() {
    }

    public static void write(OutputStream out, List<String> fields) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(MAGIC);
        data.writeInt(fields.size());
        for (String field : fields) {
            byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            data.writeInt(bytes.length);
            data.write(bytes);
        }
        data.flush();
    }

    /**
     * Reads one message.
     *
     * @param budget the most bytes the fields may hold together
     * @throws EOFException when the stream ends before or inside a message
     * @throws TooLarge     when a field would pass the budget; that field is not read
     * @throws Malformed    when the bytes are not a message of this protocol
     */
    public static List<String> read(InputStream in, long budget) throws IOException, TooLarge, Malformed {
        DataInputStream data = new DataInputStream(in);
        int magic = data.readInt();
        if (magic != MAGIC) {
            throw new Malformed("not a worker message (magic " + Integer.toHexString(magic) + ")");
        }
        int count = data.readInt();
        if (count < 0 || count > MAX_FIELDS) {
            throw new Malformed("not a worker message (" + count + " fields)");
        }
        List<String> fields = new ArrayList<>(Math.min(count, 64));
        long left = budget;
        for (int i = 0; i < count; i++) {
            int length = data.readInt();
            if (length < 0) {
                throw new Malformed("not a worker message (field of " + length + " bytes)");
            }
            if (length > left) {
                throw new TooLarge(budget);
            }
            byte[] bytes = data.readNBytes(length);
            if (bytes.length != length) {
                throw new EOFException("the message ends inside a field");
            }
            fields.add(new String(bytes, StandardCharsets.UTF_8));
            left -= length;
        }
        return fields;
    }

    /** The message's fields hold more than the budget allows. */
    public static final class TooLarge extends Exception {
        private static final long serialVersionUID = 1L;

        private final long budget;

        TooLarge(long budget) {
            super("the message holds more than " + budget + " bytes");
            this.budget = budget;
        }

        public long budget() {
            return budget;
        }
    }

    /** The bytes are not a message of this protocol. */
    public static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }
}
