package io.berth.template.internal.helm.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.List;

import org.junit.jupiter.api.Test;

class WorkerWireTest {

    @Test
    void aMessageReadsBackFieldByField() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WorkerWire.write(out, List.of("ok", "", "ünïcode ✓", "line\nbreak"));

        assertThat(WorkerWire.read(new ByteArrayInputStream(out.toByteArray()), 1024))
                .containsExactly("ok", "", "ünïcode ✓", "line\nbreak");
    }

    @Test
    void twoMessagesFollowEachOther() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WorkerWire.write(out, List.of("ready", "v3.16.4"));
        WorkerWire.write(out, List.of("ok", "manifests"));
        InputStream in = new ByteArrayInputStream(out.toByteArray());

        assertThat(WorkerWire.read(in, 100)).containsExactly("ready", "v3.16.4");
        assertThat(WorkerWire.read(in, 100)).containsExactly("ok", "manifests");
        assertThatThrownBy(() -> WorkerWire.read(in, 100)).isInstanceOf(EOFException.class);
    }

    @Test
    void aFieldOverTheBudgetIsRefusedBeforeItIsRead() throws IOException {
        CountingStream endless = new CountingStream(new SequenceInputStream(
                new ByteArrayInputStream(header(1, 1_000_000_000)), new EndlessStream()));

        assertThatThrownBy(() -> WorkerWire.read(endless, 4 * 1024 * 1024))
                .isInstanceOfSatisfying(WorkerWire.TooLarge.class,
                        e -> assertThat(e.budget()).isEqualTo(4 * 1024 * 1024));
        assertThat(endless.read).as("only the magic number and two lengths were read").isEqualTo(12);
    }

    @Test
    void theBudgetCountsAllFieldsTogether() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WorkerWire.write(out, List.of("0123456789", "0123456789", "0123456789"));

        assertThatThrownBy(() -> WorkerWire.read(new ByteArrayInputStream(out.toByteArray()), 25))
                .isInstanceOf(WorkerWire.TooLarge.class);
    }

    @Test
    void bytesThatAreNotAMessageAreRefused() {
        byte[] stray = "Helm says hello on stdout\n".getBytes();

        assertThatThrownBy(() -> WorkerWire.read(new ByteArrayInputStream(stray), 1024))
                .isInstanceOf(WorkerWire.Malformed.class).hasMessageContaining("magic");
    }

    @Test
    void aNegativeLengthOrTooManyFieldsAreRefused() throws IOException {
        assertThatThrownBy(() -> WorkerWire.read(new ByteArrayInputStream(header(1, -5)), 1024))
                .isInstanceOf(WorkerWire.Malformed.class);
        assertThatThrownBy(() -> WorkerWire.read(new ByteArrayInputStream(header(WorkerWire.MAX_FIELDS + 1, 0)), 1024))
                .isInstanceOf(WorkerWire.Malformed.class);
    }

    @Test
    void aMessageCutShortEndsTheStream() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WorkerWire.write(out, List.of("ok", "a longer field"));
        byte[] cut = java.util.Arrays.copyOf(out.toByteArray(), out.size() - 3);

        assertThatThrownBy(() -> WorkerWire.read(new ByteArrayInputStream(cut), 1024)).isInstanceOf(EOFException.class);
    }

    private static byte[] header(int fields, int firstLength) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(bytes);
        data.writeInt(WorkerWire.MAGIC);
        data.writeInt(fields);
        data.writeInt(firstLength);
        return bytes.toByteArray();
    }

    /** An answer that never ends: what a worker printing without bound would send. */
    private static final class EndlessStream extends InputStream {
        @Override
        public int read() {
            return 'x';
        }
    }

    private static final class CountingStream extends InputStream {
        private final InputStream in;
        private long read;

        CountingStream(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                read++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                read += n;
            }
            return n;
        }
    }
}
