package io.berth.cluster.internal.network;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * A block of IPv4 or IPv6 addresses, such as {@code 169.254.0.0/16} or {@code fe80::/10}. An address without a
 * prefix length stands for itself alone ({@code /32} or {@code /128}).
 *
 * @param network      the first address of the block (host bits are zero)
 * @param prefixLength how many leading bits every address of the block shares with {@code network}
 */
public record Cidr(InetAddress network, int prefixLength) {

    private static final Pattern DOTTED_DECIMAL =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Pattern PREFIX_LENGTH = Pattern.compile("\\d{1,3}");
    private static final int IPV4_MAPPED_PREFIX_BITS = 96;

    public Cidr {
        int bits = network.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix length must be between 0 and " + bits);
        }
    }

    /**
     * Parses {@code address/prefix-length} or a lone address. Only literal addresses are accepted (never a name to
     * look up), IPv4 in dotted-decimal form only; host bits must be zero so that a typo does not widen or narrow
     * the block unnoticed.
     *
     * @throws IllegalArgumentException saying what is wrong with {@code text}
     */
    public static Cidr parse(String text) {
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        String addressText = slash < 0 ? trimmed : trimmed.substring(0, slash);
        boolean ipv6 = addressText.contains(":");
        if (ipv6 ? !IPV6_CHARACTERS.matcher(addressText).matches() : !DOTTED_DECIMAL.matcher(addressText).matches()) {
            throw new IllegalArgumentException("'" + trimmed + "' is not a CIDR block: the address must be dotted-decimal"
                    + " IPv4 (169.254.0.0) or IPv6 (fe80::)");
        }
        InetAddress address = literal(addressText, trimmed);
        int bits = address.getAddress().length * 8;
        int prefix = slash < 0 ? bits : prefixLength(trimmed.substring(slash + 1), trimmed);
        // Java turns ::ffff:a.b.c.d into an IPv4 address; its prefix then counts the 96 mapped bits too.
        if (ipv6 && address instanceof Inet4Address && slash >= 0) {
            if (prefix < IPV4_MAPPED_PREFIX_BITS) {
                throw new IllegalArgumentException("'" + trimmed + "' is not a CIDR block: an IPv4-mapped block needs a"
                        + " prefix length of at least 96");
            }
            prefix -= IPV4_MAPPED_PREFIX_BITS;
        }
        if (prefix > bits) {
            throw new IllegalArgumentException("'" + trimmed + "' is not a CIDR block: the prefix length must be at most "
                    + bits);
        }
        Cidr cidr = new Cidr(address, prefix);
        if (!cidr.network().equals(masked(address, prefix))) {
            throw new IllegalArgumentException("'" + trimmed + "' is not a CIDR block: it has host bits set; did you mean "
                    + new Cidr(masked(address, prefix), prefix) + "?");
        }
        return cidr;
    }

    /** True for an IPv4 address in plain dotted-decimal form: four numbers from 0 to 255, without leading zeros. */
    public static boolean isDottedDecimal(String text) {
        return DOTTED_DECIMAL.matcher(text).matches();
    }

    /** True when {@code address} is of the same family and shares the first {@code prefixLength} bits. */
    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        byte[] prefix = network.getAddress();
        if (candidate.length != prefix.length) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (candidate[i] != prefix[i]) {
                return false;
            }
        }
        int restBits = prefixLength % 8;
        if (restBits == 0) {
            return true;
        }
        int mask = (0xff << (8 - restBits)) & 0xff;
        return (candidate[fullBytes] & mask) == (prefix[fullBytes] & mask);
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefixLength;
    }

    private static InetAddress literal(String addressText, String whole) {
        try {
            // A dotted-decimal or colon-holding text is parsed as a literal: no name is looked up.
            return InetAddress.getByName(addressText);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + whole + "' is not a CIDR block: the address is not valid");
        }
    }

    private static int prefixLength(String text, String whole) {
        if (!PREFIX_LENGTH.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + whole + "' is not a CIDR block: the prefix length must be a number");
        }
        return Integer.parseInt(text);
    }

    private static InetAddress masked(InetAddress address, int prefixLength) {
        byte[] bytes = address.getAddress();
        for (int i = 0; i < bytes.length; i++) {
            int keep = Math.max(0, Math.min(8, prefixLength - i * 8));
            bytes[i] &= (byte) ((0xff << (8 - keep)) & 0xff);
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of " + bytes.length + " bytes", e);
        }
    }
}
