package io.berth.template.internal.helm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the entries of a tar stream (POSIX ustar, PAX extended headers and GNU long names, as
 * written by Go's {@code archive/tar}, GNU tar and bsdtar) without writing anything anywhere. Every
 * byte read counts against a budget, so a small compressed archive cannot make it read without end.
 */
final class TarStream {

    /** The stream is not a tar archive, or a damaged one. */
    static final class MalformedException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedException(String message) {
            super(message);
        }
    }

    /** The archive unpacks to more bytes than the budget. */
    static final class TooLargeException extends Exception {
        private static final long serialVersionUID = 1L;

        TooLargeException() {
            super("too large");
        }
    }

    /**
     * One entry.
     *
     * @param type     the tar type flag ({@code '0'} file, {@code '5'} directory, {@code '2'} symlink, ...)
     * @param content  the data of a regular file, empty for every other type
     */
    record Entry(String name, char type, String linkName, byte[] content) {

        boolean isFile() {
            return type == '0' || type == '\0' || type == '7';
        }

        boolean isDirectory() {
            return type == '5';
        }
    }

    private static final int BLOCK = 512;

    private final InputStream in;
    private final long budget;
    private long consumed;

    TarStream(InputStream in, long budget) {
        this.in = in;
        this.budget = budget;
    }

    /** The next entry, or {@code null} at the end of the archive. */
    Entry next() throws IOException, MalformedException, TooLargeException {
        Map<String, String> pax = Map.of();
        String longName = null;
        String longLink = null;
        while (true) {
            byte[] header = readBlock();
            if (header == null || isZero(header)) {
                return null;
            }
            verifyChecksum(header);
            char type = (char) (header[156] & 0xff);
            long size = pax.containsKey("size") ? parseDecimal(pax.get("size")) : number(header, 124, 12);
            boolean keep = type == 'x' || type == 'L' || type == 'K' || type == '0' || type == '\0' || type == '7';
            byte[] data = readData(size, keep);
            switch (type) {
                case 'x' -> {
                    pax = parsePax(data);
                    continue;
                }
                case 'g' -> {
                    continue;
                }
                case 'L' -> {
                    longName = cString(data, 0, data.length);
                    continue;
                }
                case 'K' -> {
                    longLink = cString(data, 0, data.length);
                    continue;
                }
                default -> {
                }
            }
            String name = pax.getOrDefault("path", longName != null ? longName : headerName(header));
            String link = pax.getOrDefault("linkpath", longLink != null ? longLink : cString(header, 157, 100));
            return new Entry(name, type, link, data);
        }
    }

    private byte[] readData(long size, boolean keep) throws IOException, MalformedException, TooLargeException {
        long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
        if (padded > budget - consumed || (keep && size > Integer.MAX_VALUE - BLOCK)) {
            throw new TooLargeException();
        }
        byte[] data = new byte[keep ? (int) size : 0];
        readFully(data, data.length);
        long rest = padded - data.length;
        byte[] scratch = new byte[BLOCK];
        while (rest > 0) {
            int chunk = (int) Math.min(BLOCK, rest);
            readFully(scratch, chunk);
            rest -= chunk;
        }
        consumed += padded;
        return data;
    }

    private void readFully(byte[] target, int length) throws IOException, MalformedException {
        int read = 0;
        while (read < length) {
            int n = in.read(target, read, length - read);
            if (n < 0) {
                throw new MalformedException("the archive ends inside an entry");
            }
            read += n;
        }
    }

    private byte[] readBlock() throws IOException, MalformedException, TooLargeException {
        if (BLOCK > budget - consumed) {
            throw new TooLargeException();
        }
        byte[] block = new byte[BLOCK];
        int read = 0;
        while (read < BLOCK) {
            int n = in.read(block, read, BLOCK - read);
            if (n < 0) {
                if (read == 0) {
                    return null;
                }
                throw new MalformedException("the archive ends inside a header");
            }
            read += n;
        }
        consumed += BLOCK;
        return block;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static void verifyChecksum(byte[] header) throws MalformedException {
        long expected = number(header, 148, 8);
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            int b = i >= 148 && i < 156 ? ' ' : header[i];
            unsigned += b & 0xff;
            signed += b;
        }
        if (expected != unsigned && expected != signed) {
            throw new MalformedException("not a tar archive (header checksum does not match)");
        }
    }

    /** ustar joins prefix and name; GNU tar uses the prefix field for other things. */
    private static String headerName(byte[] header) {
        String name = cString(header, 0, 100);
        boolean posix = header[257] == 'u' && header[258] == 's' && header[259] == 't' && header[260] == 'a'
                && header[261] == 'r' && header[262] == 0;
        if (posix) {
            String prefix = cString(header, 345, 155);
            if (!prefix.isEmpty()) {
                return prefix + "/" + name;
            }
        }
        return name;
    }

    /** Octal digits (space or NUL terminated), or base-256 when the first byte has its high bit set. */
    private static long number(byte[] header, int offset, int length) throws MalformedException {
        if ((header[offset] & 0x80) != 0) {
            if ((header[offset] & 0x40) != 0) {
                throw new MalformedException("not a tar archive (negative number in a header)");
            }
            long value = header[offset] & 0x3f;
            for (int i = 1; i < length; i++) {
                if (value > (Long.MAX_VALUE >> 8)) {
                    throw new MalformedException("not a tar archive (number too large in a header)");
                }
                value = (value << 8) | (header[offset + i] & 0xff);
            }
            return value;
        }
        long value = 0;
        int i = offset;
        int end = offset + length;
        while (i < end && header[i] == ' ') {
            i++;
        }
        boolean digits = false;
        for (; i < end && header[i] != 0 && header[i] != ' '; i++) {
            int digit = header[i] - '0';
            if (digit < 0 || digit > 7 || value > (Long.MAX_VALUE >> 3)) {
                throw new MalformedException("not a tar archive (bad number in a header)");
            }
            value = value * 8 + digit;
            digits = true;
        }
        if (!digits) {
            throw new MalformedException("not a tar archive (missing number in a header)");
        }
        return value;
    }

    private static long parseDecimal(String text) throws MalformedException {
        try {
            long value = Long.parseLong(text.strip());
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new MalformedException("not a tar archive (bad size in an extended header)");
        }
    }

    /** Records {@code "<length> <key>=<value>\n"}, the length counting the whole record. */
    private static Map<String, String> parsePax(byte[] data) throws MalformedException {
        Map<String, String> records = new HashMap<>();
        int pos = 0;
        while (pos < data.length && data[pos] != 0) {
            int space = pos;
            while (space < data.length && data[space] != ' ') {
                space++;
            }
            int length;
            try {
                length = Integer.parseInt(new String(data, pos, space - pos, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                throw new MalformedException("not a tar archive (bad extended header)");
            }
            int end = pos + length;
            if (space >= data.length || length <= space - pos + 1 || end > data.length || data[end - 1] != '\n') {
                throw new MalformedException("not a tar archive (bad extended header)");
            }
            String record = new String(data, space + 1, end - space - 2, StandardCharsets.UTF_8);
            int equals = record.indexOf('=');
            if (equals < 0) {
                throw new MalformedException("not a tar archive (bad extended header)");
            }
            records.put(record.substring(0, equals), record.substring(equals + 1));
            pos = end;
        }
        return records;
    }

    private static String cString(byte[] bytes, int offset, int length) {
        int end = offset;
        while (end < offset + length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, offset, end - offset, StandardCharsets.UTF_8);
    }
}
